// SqlStore: the Store port over Kysely, one set of queries for SQLite and PostgreSQL. Backend
// differences come in as SqlCapabilities; row shapes live in rows.ts. Each concern's methods
// are a part in store/ (a mixin over store/scope.ts); this composes them and adds transactions.

import type { Kysely } from "kysely";
import type { Store } from "../../core/ports.js";
import type { Database } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";
import type { PreparedStatements } from "./prepared.js";
import { withAccounts } from "./store/accounts.js";
import { withBlogs } from "./store/blogs.js";
import { withDeliveries } from "./store/deliveries.js";
import { withDesk } from "./store/desk.js";
import { withPosts } from "./store/posts.js";
import { withReaders } from "./store/readers.js";
import { SqlScope } from "./store/scope.js";
import { withSyndication } from "./store/syndication.js";

const Parts = withSyndication(
  withDeliveries(withDesk(withReaders(withPosts(withBlogs(withAccounts(SqlScope)))))),
);

export class SqlStore extends Parts implements Store {
  // The parts take any arguments, as mixins must; this says what a store is made of.
  constructor(
    db: Kysely<Database>,
    capabilities: SqlCapabilities,
    statements?: PreparedStatements,
  ) {
    super(db, capabilities, statements);
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.inTransaction((db) =>
      work(db === this.db ? this : new SqlStore(db, this.capabilities, this.statements)),
    );
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("Close the store, not a transaction of it");
    await this.db.destroy();
  }
}
