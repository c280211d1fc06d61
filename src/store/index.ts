// The storage layer's front door: picks the backend from DATABASE_URL (PostgreSQL when it is a
// postgres:// URL, otherwise a SQLite file in the data dir) and opens it. Nothing outside
// store/ needs to know which one it got.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DatabaseStore } from "./database-store.js";
import { openPostgres, postgresCapabilities } from "./postgres/open.js";
import { openSqlite, sqliteCapabilities } from "./sqlite/open.js";

export { DatabaseStore } from "./database-store.js";
export type { Database } from "./schema.js";
export { SqlStore } from "./sql/store.js";

export const SQLITE_FILE_NAME = "dispatch.sqlite";

export interface StoreOptions {
  /** DATABASE_URL: a postgres:// or postgresql:// URL; unset or empty selects SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file lives (created if missing). */
  dataDir: string;
}

export async function openStore(options: StoreOptions): Promise<DatabaseStore> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) {
      return new DatabaseStore(openPostgres(url), postgresCapabilities, () =>
        openPostgres(url, { timeouts: false }),
      );
    }
    // Only the scheme is echoed: the rest of the URL may hold a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    throw new Error(
      `DATABASE_URL must be a postgres:// or postgresql:// URL, or unset to use SQLite in the data dir${
        scheme ? ` (got a ${scheme}: URL)` : ""
      }`,
    );
  }
  await mkdir(options.dataDir, { recursive: true });
  return new DatabaseStore(openSqlite(join(options.dataDir, SQLITE_FILE_NAME)), sqliteCapabilities);
}
