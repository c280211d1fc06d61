// Secrets the server generated for itself, shared by every node and worker through the
// database (see migration 0012).

import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

/**
 * Keeps `candidate` as the secret `name` unless one is kept already, and returns the kept
 * one: nodes starting at once each offer their own, and all end up with the first stored.
 */
export async function keepServerSecret(
  db: Kysely<Database>,
  name: string,
  candidate: string,
  at: string,
): Promise<string> {
  await db
    .insertInto("server_secrets")
    .values({ name, value: candidate, created_at: at })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("server_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.value;
}
