// The store a process opens: a SqlStore over its own database that can also migrate it and
// says which backend it is.

import type { Kysely } from "kysely";
import { migrateToLatest } from "./migrations/index.js";
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
}
