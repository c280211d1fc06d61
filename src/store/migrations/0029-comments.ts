// Readers' comments (core/comments.ts): the blog's comment settings as one JSON column, the
// comments themselves (a rejected one keeps its row with its words emptied, so a reply still
// knows its parent), and one report per address per comment, refused twice by the key.
// Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const comments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").addColumn("comment_settings", "text").execute();
    await db.schema
      .createTable("comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("parent_id", "text")
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("held_for", "text")
      .addColumn("reports", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("address_key", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("moderated_at", "text")
      .execute();
    // Readers' pages: a blog's approved comments in order; the desk: its waiting ones.
    await db.schema
      .createIndex("comments_blog_status")
      .on("comments")
      .columns(["blog_id", "status", "created_at"])
      .execute();
    // The rate limit: an address's recent comments to a blog.
    await db.schema
      .createIndex("comments_address")
      .on("comments")
      .columns(["blog_id", "address_key", "created_at"])
      .execute();
    await db.schema
      .createTable("comment_reports")
      .addColumn("comment_id", "text", (c) => c.notNull().references("comments.id"))
      .addColumn("address_key", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("comment_reports_pkey", ["comment_id", "address_key"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("comment_reports").execute();
    await db.schema.dropTable("comments").execute();
    await db.schema.alterTable("blogs").dropColumn("comment_settings").execute();
  },
};
