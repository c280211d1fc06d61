// The store a process opens: a SqlStore over its own database that can also migrate it and
// says which backend it is.

import type { Kysely } from "kysely";
import { migrateToLatest } from "./migrations/index.js";
import type { Database } from "./schema.js";
import type { SqlCapabilities } from "./sql/capabilities.js";
import { SqlStore } from "./sql/store.js";

export class DatabaseStore extends SqlStore {
  readonly backend: SqlCapabilities["backend"];

  constructor(db: Kysely<Database>, capabilities: SqlCapabilities) {
    super(db, capabilities);
    this.backend = capabilities.backend;
  }

  /** Applies pending migrations; returns the names of those applied now (none: up to date). */
  migrate(): Promise<string[]> {
    return migrateToLatest(this.db);
  }
}
