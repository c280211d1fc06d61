// The store a process opens: a SqlStore over its own database that can also migrate it and
// says which backend it is.

import type { Kysely } from "kysely";
import { migrateTo, migrateToLatest } from "./migrations/index.js";
import type { Database } from "./schema.js";
import type { SqlCapabilities } from "./sql/capabilities.js";
import { SqlStore } from "./sql/store.js";

export class DatabaseStore extends SqlStore {
  readonly backend: SqlCapabilities["backend"];
  readonly #openForMigrations: (() => Kysely<Database>) | undefined;

  /**
   * `openForMigrations` gives migrations a connection of their own, for a backend whose
   * serving connections have time limits a long migration could exceed.
   */
  constructor(
    db: Kysely<Database>,
    capabilities: SqlCapabilities,
    openForMigrations?: () => Kysely<Database>,
  ) {
    super(db, capabilities);
    this.backend = capabilities.backend;
    this.#openForMigrations = openForMigrations;
  }

  /** Applies pending migrations; returns the names of those applied now (none: up to date). */
  async migrate(): Promise<string[]> {
    if (!this.#openForMigrations) return migrateToLatest(this.db);
    const db = this.#openForMigrations();
    try {
      return await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  }

  /** Applies (or undoes) migrations until `name` is the newest: a backup's schema version. */
  migrateTo(name: string): Promise<void> {
    return migrateTo(this.db, name);
  }

  /** Every table the database holds, Kysely's own included; none in a database never used. */
  async tableNames(): Promise<string[]> {
    const tables = await this.db.introspection.getTables({ withInternalKyselyTables: true });
    return tables.map((table) => table.name);
  }

  /** Runs `work` in one transaction on the tables themselves: how a backup's rows go in. */
  loadRows(work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    return this.db.transaction().execute(work);
  }
}
