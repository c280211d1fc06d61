// Readers' contributions (core/contributions.ts): a blog's switch and prompt (`blogs.contributions`,
// JSON text or null for off), the moderation queue, the blocked senders (a keyed hash of an
// address, never the address) and the challenges already used, each kept until it would have
// expired anyway. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const contributions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").addColumn("contributions", "text").execute();
    await db.schema
      .createTable("contributions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("contact", "text")
      .addColumn("sender", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("received_at", "text", (c) => c.notNull())
      .addColumn("decided_at", "text")
      .addColumn("answer_post_id", "text")
      .addColumn("erased_at", "text")
      .execute();
    await db.schema
      .createIndex("contributions_queue")
      .on("contributions")
      .columns(["blog_id", "status", "received_at"])
      .execute();
    // The retention sweep looks for what still holds personal data, oldest first.
    await db.schema
      .createIndex("contributions_retention")
      .on("contributions")
      .columns(["erased_at", "received_at"])
      .execute();
    await db.schema
      .createTable("contribution_blocks")
      .addColumn("sender", "text", (c) => c.primaryKey())
      .addColumn("blocked_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("spent_challenges")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("spent_challenges").execute();
    await db.schema.dropTable("contribution_blocks").execute();
    await db.schema.dropTable("contributions").execute();
    await db.schema.alterTable("blogs").dropColumn("contributions").execute();
  },
};
