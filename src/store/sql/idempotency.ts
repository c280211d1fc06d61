// Idempotency keys: which post a client's retried publish already made. Kept for a while,
// then forgotten (see forgetOldIdempotencyKeys in core/operations/posts.ts).

import type { Kysely } from "kysely";
import type { IdempotencyRecord } from "../../core/ports.js";
import type { Database } from "../schema.js";
import { idempotencyFromRow, idempotencyToRow } from "./rows.js";

export async function findIdempotency(
  db: Kysely<Database>,
  userId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
  return row && idempotencyFromRow(row);
}

export async function insertIdempotency(
  db: Kysely<Database>,
  record: IdempotencyRecord,
): Promise<boolean> {
  // ON CONFLICT rather than catching the error: on PostgreSQL a failed insert would abort
  // the caller's transaction, and the caller wants to carry on (or roll back) itself.
  const result = await db
    .insertInto("idempotency_keys")
    .values(idempotencyToRow(record))
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteIdempotencyBefore(
  db: Kysely<Database>,
  before: string,
): Promise<number> {
  // A read first: most sweeps find nothing, and on SQLite a read never waits for the write
  // lock, which another process may hold (a write would block the whole process meanwhile).
  const any = await db
    .selectFrom("idempotency_keys")
    .select("created_at")
    .where("created_at", "<", before)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  const result = await db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function forgetIdempotency(
  db: Kysely<Database>,
  userId: string,
  key: string,
): Promise<void> {
  await db
    .deleteFrom("idempotency_keys")
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .execute();
}
