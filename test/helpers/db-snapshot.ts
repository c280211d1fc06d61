// A fingerprint of everything a request could change in the newsroom's database, read over a
// connection of the test's own (SQLite read-only, or PostgreSQL), so a test can say "this
// refused request changed nothing". What a refusal rightly writes is left out: the sign-in
// throttle's counts and the audit entries it makes of refused sign-ins, and a session's
// sliding expiry, which any request with a live cookie moves on.

import { createHash } from "node:crypto";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { SQLITE_FILE_NAME } from "../../src/store/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";

const QUERIES: Record<string, string> = {
  blogs: "SELECT * FROM blogs",
  posts: "SELECT * FROM posts",
  changes: "SELECT * FROM changes",
  users: "SELECT * FROM users",
  api_tokens: "SELECT * FROM api_tokens",
  media: "SELECT * FROM media",
  idempotency_keys: "SELECT * FROM idempotency_keys",
  server_secrets: "SELECT * FROM server_secrets",
  webhook_endpoints: "SELECT * FROM webhook_endpoints",
  // Not what the delivery workers write as they send: only which deliveries exist.
  webhook_deliveries:
    "SELECT id, endpoint_id, event_type, blog_id, post_id FROM webhook_deliveries",
  imported_byline_emails: "SELECT * FROM imported_byline_emails",
  blog_follows: "SELECT * FROM blog_follows",
  syndicated_posts: "SELECT * FROM syndicated_posts",
  post_versions: "SELECT * FROM post_versions",
  figures: "SELECT * FROM figures",
  figure_values: "SELECT * FROM figure_values",
  sessions: "SELECT id, user_id, csrf_token, created_at FROM sessions",
  audit_events:
    "SELECT * FROM audit_events WHERE action NOT IN ('session.signin_failed', 'session.throttled')",
};

export interface DatabaseSnapshots {
  /** One digest per table, so a difference names the table that changed. */
  take(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

function digest(rows: unknown[]): string {
  const lines = rows.map((row) => JSON.stringify(row)).sort();
  return `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
}

export async function databaseSnapshots(
  where: { dataDir: string } | { databaseUrl: string },
): Promise<DatabaseSnapshots> {
  if ("dataDir" in where) {
    const db = new Sqlite(join(where.dataDir, SQLITE_FILE_NAME), {
      readonly: true,
      fileMustExist: true,
    });
    const statements = Object.entries(QUERIES).map(([t, sql]) => [t, db.prepare(sql)] as const);
    return {
      async take() {
        return Object.fromEntries(statements.map(([t, s]) => [t, digest(s.all())]));
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: withDefaultUser(where.databaseUrl) });
  await client.connect();
  return {
    async take() {
      const taken: Record<string, string> = {};
      for (const [t, sql] of Object.entries(QUERIES))
        taken[t] = digest((await client.query(sql)).rows);
      return taken;
    },
    close: () => client.end(),
  };
}
