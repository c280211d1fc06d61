// Which tables of a test server's database hold a piece of text anywhere in any row, read over
// a connection of the test's own (SQLite read-only, or PostgreSQL): how a test shows that
// words erased by a takedown are gone from every table, search indexes and logs included.

import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { SQLITE_FILE_NAME } from "../../src/store/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";

/** The tables any of whose rows holds `text`, sorted; `databaseUrl` for PostgreSQL. */
export async function tablesHolding(
  server: { dataDir: string },
  databaseUrl: string | undefined,
  text: string,
): Promise<string[]> {
  const found: string[] = [];
  if (!databaseUrl) {
    const file = new Sqlite(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const tables = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        const rows = file.prepare(`SELECT * FROM "${name}"`).all();
        if (JSON.stringify(rows).includes(text)) found.push(name);
      }
    } finally {
      file.close();
    }
    return found.sort();
  }
  const client = new pg.Client({ connectionString: withDefaultUser(databaseUrl) });
  await client.connect();
  try {
    const tables = await client.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    for (const { name } of tables.rows as { name: string }[]) {
      const rows = await client.query(`SELECT * FROM "${name}"`);
      if (JSON.stringify(rows.rows).includes(text)) found.push(name);
    }
  } finally {
    await client.end();
  }
  return found.sort();
}
