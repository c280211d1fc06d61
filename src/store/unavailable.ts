// The one error for "the database cannot serve right now", whichever the backend: PostgreSQL
// gone or hung (postgres/pool.ts), a SQLite file another process keeps locked past the busy
// timeout (sqlite/open.ts). The HTTP layer answers it with 503 and Retry-After, never a 500.

import { DomainError } from "../core/errors.js";

/** What a client is told to wait before trying again: about a restart's time. */
export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(cause: unknown): DomainError {
  const error = new DomainError(
    "database_unavailable",
    "The newsroom's database cannot be reached just now; try again in a few seconds",
    { details: { retryAfter: RETRY_AFTER_SECONDS } },
  );
  error.cause = cause;
  return error;
}
