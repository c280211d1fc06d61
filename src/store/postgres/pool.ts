// The connection pool Dispatch queries PostgreSQL through, made to survive the server going
// away (a crash, a restart, a failover): waits are bounded, a lost connection is thrown away
// rather than reused, and every failure that means "the database cannot be reached right
// now" becomes one domain error, `database_unavailable`, which the HTTP layer answers with
// 503 and Retry-After instead of a 500 (or a process that dies of an unhandled 'error').

import type { PostgresPool, PostgresPoolClient } from "kysely";
import pg from "pg";
import { databaseUnavailable } from "../unavailable.js";

/** Waiting for a connection, new or from the pool: past this the database counts as down. */
export const CONNECT_TIMEOUT_MS = 3000;
/** The server cancels a statement running longer (a runaway query, a lock never released). */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** Past this the client gives up on a server that stopped answering (frozen, cut off). */
export const QUERY_TIMEOUT_MS = 12_000;
/**
 * SQLSTATEs that say the server cannot serve now, not that the query was wrong: class 08
 * (connection exceptions), class 53 (out of connections, disk or memory), the server
 * shutting down or starting up (57P01–57P03), a statement cancelled by statement_timeout
 * (57014) and a lock not granted in time (55P03).
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "57014", "55P03"]);

/** Socket failures under the client: the server or the way to it is gone. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Whether a query's failure means the database is unreachable. node-postgres reports a lost
 * or timed-out connection as a plain Error whose message is all there is to go by.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError) {
    return (
      typeof code === "string" &&
      (code.startsWith("08") || code.startsWith("53") || UNAVAILABLE_STATES.has(code))
    );
  }
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  return /^(Connection terminated|Query read timeout)|not queryable/.test(error.message);
}

export function openPool(connectionString: string, options: { timeouts: boolean }): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    // Notices a peer that vanished without closing (a cut network) on idle connections too.
    keepAlive: true,
    ...(options.timeouts
      ? {
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          statement_timeout: STATEMENT_TIMEOUT_MS,
          query_timeout: QUERY_TIMEOUT_MS,
        }
      : {}),
  });
  // An idle client that loses its connection is dropped by the pool and the next query gets
  // a fresh one; without a listener the 'error' event would end the process.
  pool.on("error", () => {});
  return pool;
}

/**
 * The pool as Kysely sees it. A client in use when its connection breaks emits 'error' and
 * node-postgres leaves listening to the borrower: unheard, that event would end the process.
 * Here it is heard, the client is destroyed on release instead of going back to the pool,
 * and the failure surfaces as database_unavailable.
 */
export function resilientPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        // Refused, timed out, or the pool had no connection to give in time.
        throw databaseUnavailable(error);
      }
      let broken = false;
      const onError = () => {
        broken = true;
      };
      client.on("error", onError);
      const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
        try {
          return await client.query(sql, [...parameters]);
        } catch (error) {
          if (!broken && !isUnavailable(error)) throw error;
          broken = true;
          throw databaseUnavailable(error);
        }
      };
      return {
        // Only the (sql, parameters) form: Kysely's cursor form serves streamed queries,
        // which Dispatch never makes (and no cursor is configured).
        query: query as unknown as PostgresPoolClient["query"],
        release(destroy?: boolean) {
          client.removeListener("error", onError);
          // A broken client still listens, so an 'error' after its release is heard too.
          if (broken || destroy) client.on("error", () => {});
          client.release(broken || destroy === true);
        },
      };
    },
    end: () => pool.end(),
  };
}
