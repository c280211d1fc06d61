// The audit log, and per-blog approval: whether a reporter's posts go out directly or wait
// for an editor. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const auditAndApproval: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("audit_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_name", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("blog_id", "text")
      .addColumn("post_id", "text")
      .addColumn("detail", "text")
      .execute();
    await db.schema
      .createIndex("audit_events_at_idx")
      .on("audit_events")
      .columns(["at", "id"])
      .execute();
    await db.schema
      .alterTable("blogs")
      .addColumn("reporter_mode", "text", (c) => c.notNull().defaultTo("publish"))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").dropColumn("reporter_mode").execute();
    await db.schema.dropTable("audit_events").execute();
  },
};
