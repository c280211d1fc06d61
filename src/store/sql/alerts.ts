// Readers' alert subscriptions and the alert queue (migration 0026). An alert is queued in the
// transaction that makes a post a key event, keyed by the post, so a post alerts once ever.
// Any node's worker fans an alert out into one delivery per subscriber with one INSERT …
// SELECT whose ids are `<post>:<subscription>`, so two nodes fanning out the same alert at
// once make one row each (the second's conflict does nothing). Deliveries are claimed like
// webhook deliveries (sql/webhooks.ts): one conditional UPDATE … RETURNING, FOR UPDATE SKIP
// LOCKED on PostgreSQL, a lease that runs out if the worker dies. A delivery row is deleted
// once sent or given up: nothing is kept about a reader beyond the subscription itself.

import { type Kysely, type Selectable, sql } from "kysely";
import type { AlertDelivery, AlertSubscription } from "../../core/alerts.js";
import type { AlertSubscriptionsTable, Database } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";

type Db = Kysely<Database>;

function subscriptionFromRow(row: Selectable<AlertSubscriptionsTable>): AlertSubscription {
  return {
    id: row.id,
    blogId: row.blog_id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    createdAt: row.created_at,
  };
}

/** Keeps the subscription, or renews the keys of the one the browser had for this blog. */
export async function saveSubscription(db: Db, s: AlertSubscription): Promise<void> {
  await db
    .insertInto("alert_subscriptions")
    .values({
      id: s.id,
      blog_id: s.blogId,
      endpoint: s.endpoint,
      p256dh: s.p256dh,
      auth: s.auth,
      created_at: s.createdAt,
    })
    .onConflict((oc) =>
      oc.columns(["blog_id", "endpoint"]).doUpdateSet({ p256dh: s.p256dh, auth: s.auth }),
    )
    .execute();
}

async function deleteSubscriptions(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  await db
    .deleteFrom("alert_deliveries")
    .where("subscription_id", "in", [...ids])
    .execute();
  const result = await db
    .deleteFrom("alert_subscriptions")
    .where("id", "in", [...ids])
    .execute();
  return result.reduce((n, r) => n + Number(r.numDeletedRows), 0);
}

export async function deleteSubscriptionByEndpoint(
  db: Db,
  blogId: string,
  endpoint: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom("alert_subscriptions")
    .select("id")
    .where("blog_id", "=", blogId)
    .where("endpoint", "=", endpoint)
    .execute();
  return (
    (await deleteSubscriptions(
      db,
      rows.map((r) => r.id),
    )) > 0
  );
}

/** The push service said the subscription is gone (404/410): it is forgotten. */
export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await deleteSubscriptions(db, [id]);
}

export async function countSubscriptions(db: Db, blogId: string): Promise<number> {
  const row = await db
    .selectFrom("alert_subscriptions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("blog_id", "=", blogId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Queues an alert for each post unless it had one: a post alerts once, however often marked. */
export async function queueAlerts(
  db: Db,
  posts: readonly { blogId: string; postId: string }[],
  at: string,
): Promise<void> {
  if (posts.length === 0) return;
  await db
    .insertInto("alerts")
    .values(posts.map((p) => ({ post_id: p.postId, blog_id: p.blogId, created_at: at })))
    .onConflict((oc) => oc.column("post_id").doNothing())
    .execute();
}

/**
 * Makes one delivery per subscriber of each alert not yet fanned out (a few alerts a call),
 * due now; returns how many alerts were fanned out.
 */
export async function fanOutAlerts(db: Db, now: string, limit: number): Promise<number> {
  const waiting = await db
    .selectFrom("alerts")
    .select(["post_id", "blog_id"])
    .where("fanned_out_at", "is", null)
    .orderBy("created_at")
    .limit(limit)
    .execute();
  for (const alert of waiting) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("alert_deliveries")
        .columns(["id", "post_id", "subscription_id", "attempts", "next_attempt_at"])
        .expression((eb) =>
          eb
            .selectFrom("alert_subscriptions")
            .select([
              sql<string>`cast(${alert.post_id} as text) || ':' || ${sql.ref("id")}`.as("id"),
              sql<string>`cast(${alert.post_id} as text)`.as("post_id"),
              "id as subscription_id",
              sql<number>`0`.as("attempts"),
              sql<string>`cast(${now} as text)`.as("next_attempt_at"),
            ])
            .where("blog_id", "=", alert.blog_id),
        )
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      await trx
        .updateTable("alerts")
        .set({ fanned_out_at: now })
        .where("post_id", "=", alert.post_id)
        .execute();
    });
  }
  return waiting.length;
}

export async function claimDeliveries(
  db: Db,
  capabilities: SqlCapabilities,
  claim: { owner: string; now: string; leaseUntil: string; limit: number },
): Promise<AlertDelivery[]> {
  const { owner, now, leaseUntil, limit } = claim;
  let due = db
    .selectFrom("alert_deliveries")
    .select("id")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .orderBy("next_attempt_at")
    .limit(limit);
  // A read first: most polls find nothing, and a read never waits for the write lock.
  if (!(await due.limit(1).executeTakeFirst())) return [];
  if (capabilities.skipLocked) due = due.forUpdate().skipLocked();
  const claimed = await db
    .updateTable("alert_deliveries")
    .set({ lease_owner: owner, lease_expires_at: leaseUntil })
    .where("id", "in", due)
    // Checked again on each row as it is written: a row another worker took meanwhile fails it.
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .returning(["id", "post_id", "subscription_id", "attempts"])
    .execute();
  if (claimed.length === 0) return [];
  const subscriptions = await db
    .selectFrom("alert_subscriptions")
    .selectAll()
    .where(
      "id",
      "in",
      claimed.map((c) => c.subscription_id),
    )
    .execute();
  const byId = new Map(subscriptions.map((row) => [row.id, subscriptionFromRow(row)]));
  const out: AlertDelivery[] = [];
  for (const row of claimed) {
    const subscription = byId.get(row.subscription_id);
    // Unsubscribed between the claim and this read: its delivery went with it.
    if (subscription) {
      out.push({ id: row.id, postId: row.post_id, attempts: Number(row.attempts), subscription });
    }
  }
  return out;
}

/** Sent, or given up: the delivery is done with (only while this worker holds it). */
export async function finishDelivery(db: Db, id: string, owner: string): Promise<void> {
  await db
    .deleteFrom("alert_deliveries")
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

/** Tried and failed for now: tried again at `nextAttemptAt`. */
export async function retryDelivery(
  db: Db,
  id: string,
  owner: string,
  retry: { attempts: number; nextAttemptAt: string; error: string },
): Promise<void> {
  await db
    .updateTable("alert_deliveries")
    .set({
      attempts: retry.attempts,
      next_attempt_at: retry.nextAttemptAt,
      last_error: retry.error.slice(0, 500),
      lease_owner: null,
      lease_expires_at: null,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}
