// The readers' search: a blog's published, undeleted posts holding every word asked for, best
// match first (then newest). Each backend answers from its own full-text index (migration
// 0020), chosen by SqlCapabilities.fullText; the rows are posts like any other query's.

import { type Kysely, sql } from "kysely";
import type { PublishedSearch } from "../../core/ports.js";
import type { Database } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";

/** FTS5's query language for "every one of these words": each quoted as a phrase, ANDed. */
function fts5Query(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(" AND ");
}

export function selectPublishedMatches(
  db: Kysely<Database>,
  capabilities: SqlCapabilities,
  query: PublishedSearch,
) {
  const { blogId, words, limit, offset } = query;
  if (capabilities.fullText === "fts5") {
    return db
      .selectFrom("posts")
      .innerJoin(sql<{ rowid: number }>`post_fts`.as("post_fts"), (join) =>
        join.on(sql`post_fts.rowid`, "=", sql`posts.rowid`),
      )
      .selectAll("posts")
      .where(sql<boolean>`post_fts match ${fts5Query(words)}`)
      .where("posts.blog_id", "=", blogId)
      .where("posts.status", "=", "published")
      .where("posts.deleted_at", "is", null)
      .orderBy(sql`bm25(post_fts)`)
      .orderBy("posts.published_at", "desc")
      .orderBy("posts.id", "desc")
      .limit(limit)
      .offset(offset);
  }
  // Written exactly as the partial index is, so the planner uses it.
  const vector = sql`to_tsvector('simple', search_text)`;
  const tsquery = sql`plainto_tsquery('simple', ${words.join(" ")})`;
  return db
    .selectFrom("posts")
    .selectAll("posts")
    .where(sql<boolean>`${vector} @@ ${tsquery}`)
    .where("posts.blog_id", "=", blogId)
    .where("posts.status", "=", "published")
    .where("posts.deleted_at", "is", null)
    .orderBy(sql`ts_rank(${vector}, ${tsquery})`, "desc")
    .orderBy("posts.published_at", "desc")
    .orderBy("posts.id", "desc")
    .limit(limit)
    .offset(offset);
}
