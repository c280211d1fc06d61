// Corrections in the open: when a published post's words last changed (the reader's "Updated
// 14:32"), the latest correction note on it (JSON {note, at}), and the post's public version
// history: the words it showed before each change after publishing, until when, and the note
// of the correction that replaced them. A legal takedown deletes a post's versions outright.
// Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const corrections: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").addColumn("content_updated_at", "text").execute();
    await db.schema.alterTable("posts").addColumn("correction", "text").execute();
    await db.schema
      .createTable("post_versions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("blocks", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      // From when these words were public (published, or the change before) until `replaced_at`.
      .addColumn("shown_from", "text", (c) => c.notNull())
      .addColumn("replaced_at", "text", (c) => c.notNull())
      // The correction note given with the change that replaced these words, if any.
      .addColumn("note", "text")
      .execute();
    await db.schema
      .createIndex("post_versions_post_idx")
      .on("post_versions")
      .columns(["post_id", "replaced_at"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("post_versions").execute();
    await db.schema.alterTable("posts").dropColumn("correction").execute();
    await db.schema.alterTable("posts").dropColumn("content_updated_at").execute();
  },
};
