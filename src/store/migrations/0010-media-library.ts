// The media library: one row per uploaded image, written on each upload, with the words the
// newsroom gave it (alt text, caption, credit: remembered from the posts that use it or edited
// in the library) and their folded copy for search. Also indexes the audit log by person and
// by blog, so the audit screen's filters read a page without scanning the whole log. Describes
// the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const mediaLibrary: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("media")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("src", "text", (c) => c.notNull())
      .addColumn("width", "integer", (c) => c.notNull())
      .addColumn("height", "integer", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("uploader_id", "text")
      .addColumn("uploader_name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("alt", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("caption", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .createIndex("media_created_idx")
      .on("media")
      .columns(["created_at", "id"])
      .execute();
    for (const column of ["actor_id", "blog_id"]) {
      await db.schema
        .createIndex(`audit_events_${column}_at_idx`)
        .on("audit_events")
        .columns([column, "at", "id"])
        .execute();
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ["actor_id", "blog_id"]) {
      await db.schema.dropIndex(`audit_events_${column}_at_idx`).execute();
    }
    await db.schema.dropTable("media").execute();
  },
};
