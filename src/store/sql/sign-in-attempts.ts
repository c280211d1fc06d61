// Failed sign-ins per key, shared by every node and worker (see SignInLimiter in
// core/operations/sign-in-limiter.ts, which decides what the times mean).

import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";

/** The attempt times recorded for `keys`, as they stand, without locking anything. */
export async function readSignInAttempts(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, number[]>> {
  if (keys.length === 0) return new Map();
  return byKey(await attemptsOf(db, keys).execute());
}

/**
 * The attempt times recorded for `keys`, each key's row locked until the transaction ends:
 * another node checking the same email or address waits for this one to finish, then sees
 * what it wrote. Keys are taken in one order everywhere, so two attempts never wait on each
 * other. A key with no row gets an empty one, which a rollback takes back and the sweep
 * clears otherwise.
 */
export async function lockSignInAttempts(
  db: Kysely<Database>,
  capabilities: SqlCapabilities,
  keys: readonly string[],
  at: string,
): Promise<Map<string, number[]>> {
  const ordered = [...new Set(keys)].sort();
  if (ordered.length === 0) return new Map();
  await db
    .insertInto("sign_in_attempts")
    .values(ordered.map((key) => ({ key, times: "[]", updated_at: at })))
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  // SQLite transactions here already hold the database's one write lock; PostgreSQL locks
  // the rows, in key order.
  const query = attemptsOf(db, ordered).orderBy("key");
  return byKey(await (capabilities.backend === "postgres" ? query.forUpdate() : query).execute());
}

/** Records `times` as the key's attempts inside the window; none forgets the key. */
export async function saveSignInAttempts(
  db: Kysely<Database>,
  key: string,
  times: readonly number[],
  at: string,
): Promise<void> {
  if (times.length === 0) {
    await db.deleteFrom("sign_in_attempts").where("key", "=", key).execute();
    return;
  }
  await db
    .insertInto("sign_in_attempts")
    .values({ key, times: JSON.stringify(times), updated_at: at })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ times: JSON.stringify(times), updated_at: at }),
    )
    .execute();
}

/**
 * Forgets keys with no attempt since `before` (ISO time); returns how many. On PostgreSQL it
 * takes the rows in key order, as attempts do, and skips any an attempt holds, so the sweep
 * never deadlocks with a sign-in or with another node's sweep.
 */
export async function deleteSignInAttemptsBefore(
  db: Kysely<Database>,
  capabilities: SqlCapabilities,
  before: string,
): Promise<number> {
  const stale = db
    .selectFrom("sign_in_attempts")
    .select("key")
    .where("updated_at", "<", before)
    .orderBy("key");
  // A read first, as in deleteIdempotencyBefore: most sweeps find nothing.
  if (!(await stale.limit(1).executeTakeFirst())) return 0;
  const result = await db
    .deleteFrom("sign_in_attempts")
    .where(
      "key",
      "in",
      capabilities.backend === "postgres" ? stale.forUpdate().skipLocked() : stale,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function attemptsOf(db: Kysely<Database>, keys: readonly string[]) {
  return db
    .selectFrom("sign_in_attempts")
    .select(["key", "times"])
    .where("key", "in", [...keys]);
}

function byKey(rows: { key: string; times: string }[]): Map<string, number[]> {
  return new Map(rows.map((row) => [row.key, parseTimes(row.times)]));
}

/** Stored times, ignoring anything that is not a list of numbers (it counts as none). */
function parseTimes(text: string): number[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is number => Number.isFinite(t)) : [];
  } catch {
    return [];
  }
}
