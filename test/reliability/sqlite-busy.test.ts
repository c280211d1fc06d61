// SQLite's nearest thing to a database that cannot serve: another process (a `dispatch` command
// beside `serve`, a backup tool) holds the write lock past the busy timeout. A write waiting
// behind it is a 503 with Retry-After, as when PostgreSQL is away, not a 500; and once the
// lock is let go the next write goes through. Real server, real SQLite file, real HTTP.

import path from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "../../src/store/index.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor");
  const made = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "locked-out", title: "Locked out" },
  });
  expect(made.status).toBe(201);
});
afterAll(() => server?.close());

describe("a SQLite file another process keeps locked", () => {
  it("answers a write 503 database_unavailable with Retry-After, then takes the next one", async () => {
    const other = new Sqlite(path.join(server.dataDir, SQLITE_FILE_NAME));
    other.exec("BEGIN IMMEDIATE");
    let released = false;
    try {
      const refused = await server.api("POST", "/api/blogs/locked-out/posts", {
        token: editor,
        body: { blocks: [paragraph("Waiting on a lock")] },
      });
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe("database_unavailable");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      other.exec("ROLLBACK");
      released = true;
    } finally {
      if (!released) other.exec("ROLLBACK");
      other.close();
    }
    const published = await server.api("POST", "/api/blogs/locked-out/posts", {
      token: editor,
      body: { blocks: [paragraph("Through at last")] },
    });
    expect(published.status).toBe(201);
    const { json } = await server.api("GET", "/api/blogs/locked-out/posts");
    expect(json.posts.map((p: { html: string }) => p.html)).toEqual(["<p>Through at last</p>"]);
  }, 45_000);
});
