// Signed webhooks: the endpoints admins register, and the durable queue of deliveries (one
// row per piece of news per endpoint), written in the transaction of the change that made the
// news and claimed by any node's delivery worker under a lease. Describes the schema as it was
// when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const webhooks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("webhook_endpoints")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      // JSON array of blog ids, or null for every blog.
      .addColumn("blog_ids", "text")
      .addColumn("events", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("secret", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("endpoint_id", "text", (c) => c.notNull().references("webhook_endpoints.id"))
      .addColumn("event_type", "text", (c) => c.notNull())
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("first_attempt_at", "text")
      .addColumn("last_attempt_at", "text")
      .addColumn("last_status", "integer")
      .addColumn("last_error", "text")
      .addColumn("delivered_at", "text")
      .addColumn("lease_owner", "text")
      .addColumn("lease_expires_at", "text")
      .execute();
    // The workers' question, asked every second by every node: what is due now?
    await db.schema
      .createIndex("webhook_deliveries_due_idx")
      .on("webhook_deliveries")
      .column("next_attempt_at")
      .where(sql.ref("status"), "=", "pending")
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_endpoint_idx")
      .on("webhook_deliveries")
      .columns(["endpoint_id", "created_at"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("webhook_deliveries").execute();
    await db.schema.dropTable("webhook_endpoints").execute();
  },
};
