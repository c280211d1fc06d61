// Readers' Web Push alerts for key events: the browsers subscribed to a blog (only what a push
// needs: the push service's address and the browser's two keys), one alert per post ever made
// a key event (its key is the post, so marking a post again queues nothing), and the delivery
// queue, one row per alert and subscriber, claimed by any node's worker under a lease.
// Posts that are key events already are recorded as alerted, so editing one after the upgrade
// tells nobody. Describes the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("alert_subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("endpoint", "text", (c) => c.notNull())
      .addColumn("p256dh", "text", (c) => c.notNull())
      .addColumn("auth", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("alert_subscriptions_endpoint", ["blog_id", "endpoint"])
      .execute();
    await db.schema
      .createTable("alerts")
      .addColumn("post_id", "text", (c) => c.primaryKey().references("posts.id"))
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      // Set once a delivery row is queued for each subscriber it had then.
      .addColumn("fanned_out_at", "text")
      .execute();
    await db.schema
      .createIndex("alerts_waiting_idx")
      .on("alerts")
      .column("created_at")
      .where(sql.ref("fanned_out_at"), "is", null)
      .execute();
    await db.schema
      .createTable("alert_deliveries")
      // `<post id>:<subscription id>`: one delivery per alert and subscriber, whoever fans out.
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("subscription_id", "text", (c) =>
        c.notNull().references("alert_subscriptions.id").onDelete("cascade"),
      )
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("lease_owner", "text")
      .addColumn("lease_expires_at", "text")
      .execute();
    await db.schema
      .createIndex("alert_deliveries_due_idx")
      .on("alert_deliveries")
      .column("next_attempt_at")
      .execute();
    await db.schema
      .createIndex("alert_deliveries_subscription_idx")
      .on("alert_deliveries")
      .column("subscription_id")
      .execute();
    await sql`INSERT INTO alerts (post_id, blog_id, created_at, fanned_out_at)
      SELECT id, blog_id, updated_at, updated_at FROM posts
      WHERE key_event = 1 AND status = 'published' AND deleted_at IS NULL`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("alert_deliveries").execute();
    await db.schema.dropTable("alerts").execute();
    await db.schema.dropTable("alert_subscriptions").execute();
  },
};
