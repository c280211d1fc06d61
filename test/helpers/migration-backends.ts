// A store on each backend with a raw Kysely handle to the same database, for tests that run one
// migration's `up` over data written as the older code wrote it.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { createTestDatabase } from "./postgres.js";

export interface MigrationBackend {
  open(): ReturnType<typeof openStore>;
  raw(): Kysely<unknown>;
  cleanup(): Promise<void>;
}

export async function sqliteBackend(): Promise<MigrationBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), "dispatch-migration-"));
  return {
    open: () => openStore({ dataDir }),
    raw: () =>
      new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new Sqlite(join(dataDir, SQLITE_FILE_NAME)) }),
      }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export async function postgresBackend(): Promise<MigrationBackend> {
  const database = await createTestDatabase();
  return {
    open: () => openStore({ databaseUrl: database.url, dataDir: tmpdir() }),
    raw: () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: withDefaultUser(database.url), max: 1 }),
        }),
      }),
    cleanup: () => database.drop(),
  };
}

/** Both backends, for `describe.each`. */
export const MIGRATION_BACKENDS = [
  ["SQLite", sqliteBackend],
  ["PostgreSQL", postgresBackend],
] as const;
