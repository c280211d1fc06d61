// A throwaway PostgreSQL database on this machine's server, created for one test file and
// dropped after it. PostgreSQL being unreachable fails the test: a skipped backend would let a
// broken query ship.

import { randomBytes } from "node:crypto";
import pg from "pg";
import { withDefaultUser } from "../../src/store/postgres/open.js";

/** A database the test may create databases from; override to point at another server. */
export const ADMIN_URL =
  process.env.DISPATCH_TEST_POSTGRES_URL ?? "postgres://127.0.0.1:5432/postgres";

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(ADMIN_URL) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database; `scheme` is how its URL is spelled. */
export async function createTestDatabase(
  scheme: "postgres" | "postgresql" = "postgres",
): Promise<TestDatabase> {
  // Lower-case hex only, so the name needs no quoting.
  const name = `dispatch_test_${randomBytes(6).toString("hex")}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.protocol = `${scheme}:`;
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
