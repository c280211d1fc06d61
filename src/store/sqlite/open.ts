// SQLite wiring: opens the database file with the settings a server needs and describes
// SQLite's differences to the shared queries. The default backend: one file in the data dir.

import Sqlite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from "kysely";
import type { Database } from "../schema.js";
import { errorProperty, type SqlCapabilities } from "../sql/capabilities.js";
import { databaseUnavailable } from "../unavailable.js";

export const sqliteCapabilities: SqlCapabilities = {
  backend: "sqlite",
  skipLocked: false,
  fullText: "fts5",
  isUniqueViolation(error, table, column) {
    // better-sqlite3 reports the columns, not the constraint name: "UNIQUE constraint failed: blogs.slug".
    return (
      errorProperty(error, "code") === "SQLITE_CONSTRAINT_UNIQUE" &&
      (errorProperty(error, "message") ?? "").includes(`${table}.${column}`)
    );
  },
};

/** How long a writer waits for another process (say `dispatch user add` beside `serve`). */
const BUSY_TIMEOUT_MS = 5000;

export function openSqlite(file: string): Kysely<Database> {
  const database = new Sqlite(file);
  // WAL lets readers carry on while one writer commits; NORMAL is durable in WAL mode
  // except for the last transactions on power loss, which is the usual server trade-off.
  database.pragma("journal_mode = WAL");
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma("foreign_keys = ON");
  database.pragma("synchronous = NORMAL");
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: reusingStatements(database) }),
  });
}

/** Distinct statements kept compiled; the queries Dispatch makes are far fewer. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Compiles each distinct SQL text once. Kysely prepares every query it runs, and compiling a
 * statement costs SQLite more than running most of ours; the query builder produces the same
 * text for the same query (values are parameters), so a handful of statements serve every
 * request. SQLite recompiles a kept statement by itself after a schema change. A statement
 * is not reused while it is being iterated, which Dispatch never does (no streamed queries).
 */
function reusingStatements(database: Sqlite.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = answeringWhenLocked(database.prepare(sql));
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * SQLite's "database is locked" (SQLITE_BUSY, SQLITE_LOCKED), once the busy timeout has run
 * out, means another process holds the file, not that the query was wrong: the client is told
 * to come back (503 with Retry-After), as when PostgreSQL is away.
 */
function answeringWhenLocked(statement: Sqlite.Statement): SqliteStatement {
  // Plain try/catch in each method: every query passes here, so no closure per call.
  return {
    reader: statement.reader,
    all(parameters) {
      try {
        return statement.all(parameters);
      } catch (error) {
        throw whenLocked(error);
      }
    },
    run(parameters) {
      try {
        return statement.run(parameters);
      } catch (error) {
        throw whenLocked(error);
      }
    },
    iterate(parameters) {
      try {
        return statement.iterate(parameters);
      } catch (error) {
        throw whenLocked(error);
      }
    },
  };
}

function whenLocked(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code)
    ? databaseUnavailable(error)
    : error;
}

/**
 * Transactions begin IMMEDIATE: they take the write lock up front, waiting up to the busy
 * timeout for it. A deferred transaction that reads and then writes can instead fail at once
 * with SQLITE_BUSY when another process wrote in between, and every Store transaction writes.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
