// PostgreSQL wiring: a connection pool for DATABASE_URL and PostgreSQL's differences to the
// shared queries. Used when a newsroom runs several nodes against one database.

import { userInfo } from "node:os";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../schema.js";
import { errorProperty, type SqlCapabilities } from "../sql/capabilities.js";
import { openPool, resilientPool } from "./pool.js";

export const postgresCapabilities: SqlCapabilities = {
  backend: "postgres",
  skipLocked: true,
  fullText: "tsvector",
  isUniqueViolation(error, table, column) {
    return (
      errorProperty(error, "code") === "23505" &&
      errorProperty(error, "constraint") === `${table}_${column}_key`
    );
  },
};

/**
 * A Kysely over a pool for DATABASE_URL (see pool.ts). Requests run with bounded waits; a
 * migration may legitimately run for minutes on a large newsroom, so `timeouts: false`
 * opens a pool without them for that.
 */
export function openPostgres(
  connectionString: string,
  options: { timeouts: boolean } = { timeouts: true },
): Kysely<Database> {
  const pool = openPool(withDefaultUser(connectionString), options);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool) }) });
}

/**
 * A URL without a user name connects as PGUSER or else the OS user, as psql and libpq do.
 * node-postgres would read $USER instead, which services and containers often leave unset,
 * and then fail with "no PostgreSQL user name specified".
 */
export function withDefaultUser(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString; // node-postgres reports a malformed URL better than we could
  }
  if (url.username || !url.hostname) return connectionString;
  const user = process.env.PGUSER || osUser();
  if (!user) return connectionString;
  url.username = encodeURIComponent(user);
  return url.toString();
}

function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined; // no passwd entry for this uid, as in some containers
  }
}
