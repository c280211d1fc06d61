// Bylines and displayed time: a post's contributors (newsroom users and free-text names such
// as an agency) kept with the post as JSON, and each user's optional title and avatar shown in
// their bylines. A post's displayed time is its existing `published_at`, so it needs no
// column. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const bylines: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // "[]" for posts written before bylines: they are presented with their author's name.
    await db.schema
      .alterTable("posts")
      .addColumn("bylines", "text", (c) => c.notNull().defaultTo("[]"))
      .execute();
    await db.schema.alterTable("users").addColumn("title", "text").execute();
    await db.schema.alterTable("users").addColumn("avatar", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").dropColumn("avatar").execute();
    await db.schema.alterTable("users").dropColumn("title").execute();
    await db.schema.alterTable("posts").dropColumn("bylines").execute();
  },
};
