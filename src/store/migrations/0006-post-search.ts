// The desk's search: each post's words and byline kept folded (lower-cased, whitespace made
// single spaces) beside it, so finding a post by a word or its author is one LIKE on either
// backend. Existing posts are filled in here; every later write keeps them current
// (sql/rows.ts). Describes the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";
import type { Block } from "../../core/content/blocks.js";
import { searchableAuthor, searchableText } from "../../core/search.js";

/** Posts read and rewritten at a time, so a large newsroom's backfill holds little in memory. */
const BATCH = 500;

interface PostWords {
  id: string;
  title: string;
  blocks: string;
  author_name: string;
}

export const postSearch: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of ["search_text", "search_author"]) {
      await db.schema
        .alterTable("posts")
        .addColumn(column, "text", (c) => c.notNull().defaultTo(""))
        .execute();
    }
    // Deleted posts are filled in too: a search never finds them (it skips deleted rows), but
    // their columns then hold what every other row holds.
    let after = "";
    for (;;) {
      const { rows } = await sql<PostWords>`select id, title, blocks, author_name from posts
        where id > ${after} order by id limit ${BATCH}`.execute(db);
      for (const row of rows) {
        const post = { title: row.title, blocks: JSON.parse(row.blocks) as Block[] };
        await sql`update posts set search_text = ${searchableText(post)},
          search_author = ${searchableAuthor({ authorName: row.author_name })}
          where id = ${row.id}`.execute(db);
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").dropColumn("search_author").execute();
    await db.schema.alterTable("posts").dropColumn("search_text").execute();
  },
};
