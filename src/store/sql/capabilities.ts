// What differs between the backends once a query is built: the queries themselves are shared,
// and each backend's wiring (../sqlite, ../postgres) supplies one of these.

export interface SqlCapabilities {
  readonly backend: "sqlite" | "postgres";
  /**
   * Whether `SELECT … FOR UPDATE SKIP LOCKED` works: concurrent claims of queued work then pass
   * over each other's rows instead of waiting for them (SQLite has one writer: nothing to skip).
   */
  readonly skipLocked: boolean;
  /**
   * How the readers' full-text search is asked (sql/reader-search.ts): SQLite's FTS5 index
   * (`post_fts`, kept by triggers), or PostgreSQL's `to_tsvector('simple', …)` GIN index.
   */
  readonly fullText: "fts5" | "tsvector";
  /**
   * Whether `error` is a violation of the unique constraint on `table.column`. Migrations name
   * those constraints `<table>_<column>_key`, which is also PostgreSQL's own default.
   */
  isUniqueViolation(error: unknown, table: string, column: string): boolean;
}

/** Reads a string property off an unknown thrown value (driver errors are plain objects). */
export function errorProperty(error: unknown, name: string): string | undefined {
  if (typeof error !== "object" || error === null || !(name in error)) return undefined;
  const value: unknown = (error as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}
