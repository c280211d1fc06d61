// Polls that closed before the stored HTML was drawn by its time of writing: their posts kept
// the vote form (votes refused) until written again. Upgrading redraws them once, on SQLite
// and PostgreSQL: the old data is written straight into the database as an earlier release
// left it (a past closing time, the open form in the HTML, the closing taken as announced),
// then a server starts and every reader surface shows the final counts and "Voting closed"
// with no form. A poll that closed the ordinary way is not announced a second time.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "../../src/store/index.js";
import { MIGRATION_NAMES, migrateDownTo } from "../../src/store/migrations/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { expectClosedEverywhere, pollOn, until, vote } from "../helpers/polls.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const REDRAW = "0035_closed_poll_forms";

const poll = (question: string, closesAt: string) => ({
  type: "poll",
  question,
  answers: [
    { id: "yes", text: "Yes" },
    { id: "no", text: "No" },
  ],
  closesAt,
});

function earlierSuite(backend: "sqlite" | "postgres") {
  let database: TestDatabase | undefined;
  let dataDir: string;
  let server: TestServer | undefined;
  const slug = `earlier-${backend}`;
  const storage = () => (database ? { databaseUrl: database.url } : { dataDir });
  const raw = () =>
    new Kysely<unknown>({
      dialect: database
        ? new PostgresDialect({
            pool: new pg.Pool({ connectionString: withDefaultUser(database.url), max: 1 }),
          })
        : new SqliteDialect({ database: new Sqlite(path.join(dataDir, SQLITE_FILE_NAME)) }),
    });

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-earlier-"));
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("redraws a poll closed with its vote form still stored: results and 'Voting closed', no form", async () => {
    server = await startTestServer(storage());
    const admin = await server.tokenFor("admin");
    const made = await server.api("POST", "/api/blogs", {
      token: admin,
      body: { slug, title: "Council vote" },
    });
    expect(made.status).toBe(201);
    const publish = async (closesAt: string) => {
      const post = await server!.api("POST", `/api/blogs/${slug}/posts`, {
        token: admin,
        body: { blocks: [poll("Should the bridge reopen?", closesAt)] },
      });
      expect(post.status, JSON.stringify(post.json)).toBe(201);
      return { postId: post.json.id as string, pollId: post.json.blocks[0].id as string };
    };

    // One closed the ordinary way, in the current release: its HTML already closed.
    const closed = await publish(new Date(Date.now() + 1500).toISOString());
    // One open, then made old below.
    const old = await publish(new Date(Date.now() + 86_400_000).toISOString());
    for (const answer of ["yes", "yes", "no"]) {
      expect((await vote(server.url, old.pollId, answer)).status).toBe(200);
    }
    const counted = await until(
      () => server!.api("GET", `/api/blogs/${slug}/posts/${old.postId}`),
      (post) => post.json.blocks[0].results?.total === 3,
    );
    expect(counted.json.blocks[0].results).toEqual({ totals: { yes: 2, no: 1 }, total: 3 });
    const permalink = `${server.url}/live/${slug}/posts/${closed.postId}`;
    const closedPage = await until(
      async () => pollOn(await (await fetch(permalink)).text(), closed.pollId),
      (markup) => markup.startsWith('<div class="poll poll-closed"'),
    );
    expect(closedPage).toMatch(/^<div class="poll poll-closed"/);
    const before = await server.api("GET", `/api/blogs/${slug}/changes?since=0`);
    const lastSeq = before.json.last as number;
    await server.close();
    server = undefined;

    // As an earlier release left it: closed an hour ago, announced, its HTML the open form.
    const closedAt = new Date(Date.now() - 3_600_000).toISOString();
    const db = raw();
    try {
      const { rows } = await sql<{ blocks: string; html: string }>`select blocks, html from posts
        where id = ${old.postId}`.execute(db);
      const row = rows[0]!;
      expect(row.html).toContain(`action="/api/polls/${old.pollId}/votes"`);
      const blocks = JSON.parse(row.blocks);
      blocks[0].closesAt = closedAt;
      await sql`update posts set blocks = ${JSON.stringify(blocks)} where id = ${old.postId}`.execute(
        db,
      );
      await sql`update poll_closings set closes_at = ${closedAt}, announced_at = ${closedAt}
        where poll_id = ${old.pollId}`.execute(db);
      const previous = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(REDRAW) - 1];
      expect(previous).toBeDefined();
      await migrateDownTo(db, previous!);
    } finally {
      await db.destroy();
    }

    server = await startTestServer(storage());
    const url = server.url;
    const redrawn = await until(
      async () => pollOn(await (await fetch(`${url}/live/${slug}`)).text(), old.pollId),
      (markup) => markup.startsWith('<div class="poll poll-closed"'),
    );
    expect(redrawn).toMatch(/^<div class="poll poll-closed"/);
    await expectClosedEverywhere(url, slug, old.postId, old.pollId);
    const late = await vote(url, old.pollId, "no");
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("poll_closed");

    // Readers with the page open are told once; the poll closed the ordinary way is left be.
    await new Promise((r) => setTimeout(r, 1000));
    const after = await server.api("GET", `/api/blogs/${slug}/changes?since=${lastSeq}`);
    const polls = (after.json.changes as Array<{ event: string; data: unknown }>).filter(
      (change) => change.event === "poll",
    );
    expect(polls.map((change) => change.data)).toEqual([
      { postId: old.postId, pollId: old.pollId, totals: { yes: 2, no: 1 }, total: 3, closed: true },
    ]);
  }, 60_000);
}

describe("a poll closed before its HTML was redrawn, upgraded on SQLite", () =>
  earlierSuite("sqlite"));
describe("a poll closed before its HTML was redrawn, upgraded on PostgreSQL", () =>
  earlierSuite("postgres"));
