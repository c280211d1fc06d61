// What every part of the SqlStore stands on: the database (or the transaction a store was
// handed), the backend's capabilities, the compiled hot queries, and the one way a part joins
// or opens a transaction. Each other module here is one concern's part, a mixin over this;
// ../store.ts composes them into the SqlStore.

import type { Kysely } from "kysely";
import type { Database } from "../../schema.js";
import type { SqlCapabilities } from "../capabilities.js";
import { type PreparedQuery, PreparedStatements } from "../prepared.js";

export class SqlScope {
  /** `db` is the database, or a transaction when this store was handed to `transaction` work. */
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly capabilities: SqlCapabilities,
    /** Shared with the transactions this store opens: compiled once, for the one backend. */
    protected readonly statements = new PreparedStatements(),
  ) {}

  /** The first row of a compiled query, run on `db` (this store's unless given). */
  protected async first<Values extends object, Row>(
    query: PreparedQuery<Values, Row>,
    values: Values,
    db: Kysely<Database> = this.db,
  ): Promise<Row | undefined> {
    return (await this.statements.run(db, query, values)).rows[0];
  }

  /**
   * Nested calls join the open transaction rather than starting another: work composed of
   * smaller operations commits or rolls back as one. Work must use the `db` it is given; on
   * SQLite the one connection is held by the transaction, so a query through the outer store
   * would wait for it forever.
   */
  protected inTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this.db);
    return this.db.transaction().execute(work);
  }
}

/**
 * A class a part can extend. TypeScript takes a class as a mixin's base only when its
 * constructor is typed as taking `...args: any[]`; SqlStore declares its real constructor.
 */
// biome-ignore lint/suspicious/noExplicitAny: the mixin pattern requires `any[]` here (see above)
export type SqlPart = new (...args: any[]) => SqlScope;
