// The desk's search: a blog's posts of any status by words, author and status, newest first
// by the time each status is ordered by, paged by a cursor. Words and bylines are matched
// against the folded copies kept in search_text and search_author (core/search.ts); both
// sides are already lower-cased, so a plain LIKE matches alike on SQLite and PostgreSQL.

import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { PostSearch } from "../../core/ports.js";
import type { Database } from "../schema.js";

/**
 * `sortTime` (core/post.ts) in SQL: when a post went out, is due, or was started. Search
 * results mix statuses, so the order (and the cursor) uses the time each status is shown by.
 */
function sortTime(eb: ExpressionBuilder<Database, "posts">) {
  return eb
    .case("status")
    .when("published")
    .then(eb.fn.coalesce("published_at", "created_at"))
    .when("scheduled")
    .then(eb.fn.coalesce("publish_at", "created_at"))
    .else(eb.ref("created_at"))
    .end();
}

/** A LIKE pattern finding `text` anywhere, with LIKE's own characters taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function contains(column: "search_text" | "search_author", text: string) {
  // The escape character is named because the backends disagree on a default (PostgreSQL
  // uses a backslash, SQLite none); with it named, both read the pattern the same way.
  return sql<boolean>`${sql.ref(column)} like ${containing(text)} escape '\\'`;
}

export function selectSearch(db: Kysely<Database>, query: PostSearch) {
  let select = db
    .selectFrom("posts")
    .selectAll()
    .where("blog_id", "=", query.blogId)
    .where("deleted_at", "is", null)
    .where("status", "in", [...query.statuses]);
  for (const word of query.words) select = select.where(contains("search_text", word));
  if (query.author) select = select.where(contains("search_author", query.author));
  const { ownDraftsOf, before } = query;
  if (ownDraftsOf !== undefined) {
    select = select.where((eb) =>
      eb.or([eb("status", "not in", ["draft", "submitted"]), eb("author_id", "=", ownDraftsOf)]),
    );
  }
  if (before) {
    // (time, id) < (before.publishedAt, before.id), as in the timeline query.
    select = select.where((eb) =>
      eb.or([
        eb(sortTime(eb), "<", before.publishedAt),
        eb.and([eb(sortTime(eb), "=", before.publishedAt), eb("id", "<", before.id)]),
      ]),
    );
  }
  return select
    .orderBy((eb) => sortTime(eb), "desc")
    .orderBy("id", "desc")
    .limit(query.limit);
}
