// Webhook endpoints and the durable delivery queue. Deliveries are queued in the transaction
// of the change that made the news; a worker on any node claims due ones with one conditional
// UPDATE … RETURNING (the WHERE is checked again on each row as it is locked, on PostgreSQL
// as on SQLite's single writer), so two workers never hold the same delivery at once, and a
// worker that dies leaves a lease that expires for another to take over. On PostgreSQL the
// candidates are picked FOR UPDATE SKIP LOCKED, so workers claiming at once take different rows.

import type { Kysely, Selectable } from "kysely";
import { newId } from "../../core/ids.js";
import type { WebhookAttemptRecord } from "../../core/ports.js";
import {
  type DeliveryStatus,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  type WebhookNews,
  wants,
} from "../../core/webhooks.js";
import type { Database, WebhookDeliveriesTable, WebhookEndpointsTable } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";

type Db = Kysely<Database>;

function endpointToRow(e: WebhookEndpoint): WebhookEndpointsTable {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    blog_ids: e.blogIds === null ? null : JSON.stringify(e.blogIds),
    events: JSON.stringify(e.events),
    enabled: e.enabled ? 1 : 0,
    secret: e.secret,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

function endpointFromRow(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    blogIds: row.blog_ids === null ? null : (JSON.parse(row.blog_ids) as string[]),
    events: JSON.parse(row.events) as WebhookEventType[],
    enabled: Number(row.enabled) === 1,
    secret: row.secret,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryFromRow(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    type: row.event_type as WebhookEventType,
    blogId: row.blog_id,
    postId: row.post_id,
    createdAt: row.created_at,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    firstAttemptAt: row.first_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}

export async function insertEndpoint(db: Db, endpoint: WebhookEndpoint): Promise<void> {
  await db.insertInto("webhook_endpoints").values(endpointToRow(endpoint)).execute();
}

export async function updateEndpoint(db: Db, endpoint: WebhookEndpoint): Promise<void> {
  const { id, created_at, ...fields } = endpointToRow(endpoint);
  await db.updateTable("webhook_endpoints").set(fields).where("id", "=", id).execute();
}

export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom("webhook_deliveries").where("endpoint_id", "=", id).execute();
  const result = await db.deleteFrom("webhook_endpoints").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findEndpoint(db: Db, id: string): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && endpointFromRow(row);
}

export async function listEndpoints(db: Db): Promise<WebhookEndpoint[]> {
  const rows = await db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(endpointFromRow);
}

export async function enqueueNews(
  db: Db,
  news: readonly WebhookNews[],
  at: string,
): Promise<number> {
  if (news.length === 0) return 0;
  // One small read per change committed; a newsroom has a handful of endpoints.
  const rows = await db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("enabled", "=", 1)
    .execute();
  if (rows.length === 0) return 0;
  const endpoints = rows.map(endpointFromRow);
  const now = Date.parse(at);
  const queued: WebhookDeliveriesTable[] = [];
  for (const item of news) {
    for (const endpoint of endpoints) {
      if (!wants(endpoint, item)) continue;
      queued.push({
        id: `msg_${newId(now)}`,
        endpoint_id: endpoint.id,
        event_type: item.type,
        blog_id: item.blogId,
        post_id: item.postId,
        created_at: at,
        status: "pending",
        attempts: 0,
        next_attempt_at: at,
        first_attempt_at: null,
        last_attempt_at: null,
        last_status: null,
        last_error: null,
        delivered_at: null,
        lease_owner: null,
        lease_expires_at: null,
      });
    }
  }
  if (queued.length > 0) await db.insertInto("webhook_deliveries").values(queued).execute();
  return queued.length;
}

export async function listDeliveries(
  db: Db,
  endpointId: string,
  page: { before?: string; limit: number },
): Promise<WebhookDelivery[]> {
  let query = db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("id", "desc")
    .limit(page.limit);
  if (page.before) query = query.where("id", "<", page.before);
  return (await query.execute()).map(deliveryFromRow);
}

export async function findDelivery(
  db: Db,
  endpointId: string,
  id: string,
): Promise<WebhookDelivery | undefined> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("id", "=", id)
    .where("endpoint_id", "=", endpointId)
    .executeTakeFirst();
  return row && deliveryFromRow(row);
}

export async function resendDelivery(
  db: Db,
  endpointId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({ status: "pending", next_attempt_at: at, first_attempt_at: null })
    .where("id", "=", id)
    .where("endpoint_id", "=", endpointId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function claimDeliveries(
  db: Db,
  capabilities: SqlCapabilities,
  claim: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
    skipEndpoints: readonly string[];
  },
): Promise<WebhookDelivery[]> {
  const { owner, now, leaseUntil, limit, skipEndpoints } = claim;
  let due = db
    .selectFrom("webhook_deliveries")
    .where("status", "=", "pending")
    .select("id")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .orderBy("next_attempt_at")
    .limit(limit);
  if (skipEndpoints.length > 0) due = due.where("endpoint_id", "not in", [...skipEndpoints]);
  // Most polls find nothing due. Asking first is a read, which never waits for the write lock:
  // an idle newsroom writes nothing every second, and on SQLite a poll never stalls the process
  // behind another process's long write (better-sqlite3 waits synchronously).
  if (!(await due.limit(1).executeTakeFirst())) return [];
  // Workers claiming at once each take rows the others have not locked, rather than queueing
  // behind them and coming back with fewer.
  if (capabilities.skipLocked) due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable("webhook_deliveries")
    .set({ lease_owner: owner, lease_expires_at: leaseUntil })
    .where("id", "in", due)
    // Checked again on each row as it is written: a row another worker took meanwhile fails it.
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .returningAll()
    .execute();
  return rows.map(deliveryFromRow);
}

export async function finishAttempt(
  db: Db,
  id: string,
  owner: string,
  outcome: WebhookAttemptRecord,
): Promise<boolean> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      first_attempt_at: outcome.firstAttemptAt,
      last_attempt_at: outcome.lastAttemptAt,
      last_status: outcome.lastStatus,
      last_error: outcome.lastError,
      delivered_at: outcome.deliveredAt,
      lease_owner: null,
      lease_expires_at: null,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function pruneDeliveries(
  db: Db,
  deliveredBefore: string,
  failedBefore: string,
): Promise<number> {
  const result = await db
    .deleteFrom("webhook_deliveries")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "delivered"), eb("created_at", "<", deliveredBefore)]),
        eb.and([eb("status", "=", "failed"), eb("created_at", "<", failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
