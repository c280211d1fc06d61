// When polls close, in the store on both backends: migration 0030 finds the polls already
// written (a closing time passed taken as announced, one to come left due, a closing time with
// an offset kept in UTC); a post's write keeps a claim while the closing time stays and drops
// it when the time moves; a claim is won once; a draft's or deleted post's poll is not due.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { PollBlock } from "../../src/core/content/blocks.js";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { pollClosings } from "../../src/store/migrations/0030-poll-closings.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";
import { createTestDatabase } from "../helpers/postgres.js";

interface Backend {
  open(): ReturnType<typeof openStore>;
  raw(): Kysely<unknown>;
  cleanup(): Promise<void>;
}

async function sqlite(): Promise<Backend> {
  const dataDir = await mkdtemp(join(tmpdir(), "dispatch-closings-"));
  return {
    open: () => openStore({ dataDir }),
    raw: () =>
      new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new Sqlite(join(dataDir, SQLITE_FILE_NAME)) }),
      }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<Backend> {
  const database = await createTestDatabase();
  return {
    open: () => openStore({ databaseUrl: database.url, dataDir: tmpdir() }),
    raw: () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: withDefaultUser(database.url), max: 1 }),
        }),
      }),
    cleanup: () => database.drop(),
  };
}

const poll = (id: string, closesAt?: string): PollBlock => ({
  type: "poll",
  id,
  question: "Reopen the bridge?",
  answers: [
    { id: "yes", text: "Yes" },
    { id: "no", text: "No" },
  ],
  ...(closesAt ? { closesAt } : {}),
});

describe.each([
  ["SQLite", sqlite],
  ["PostgreSQL", postgres],
])("poll closings on %s", (_name, backend) => {
  it("are found by the migration, claimed once, and kept or dropped with the post's writes", async () => {
    const db = await backend();
    try {
      const store = await db.open();
      await store.migrate();
      const author = makeUser();
      await store.insertUser(author);
      const blog = makeBlog();
      await store.insertBlog(blog);
      const open = makePost(blog, author);
      const passed = makePost(blog, author);
      // 12:00 in Kyiv is 10:00 UTC.
      open.blocks = [poll(`${open.id}-aaaaaa`, "2031-06-01T12:00:00+02:00"), poll(`${open.id}-b`)];
      passed.blocks = [poll(`${passed.id}-cccccc`, "2020-01-01T00:00:00Z")];
      for (const post of [open, passed]) await store.insertPost(post);
      await store.close();

      // The table made afresh from the posts, as on an upgrade.
      const raw = db.raw();
      try {
        await pollClosings.down?.(raw);
        await pollClosings.up(raw);
      } finally {
        await raw.destroy();
      }

      const after = await db.open();
      try {
        const later = "2031-06-01T10:00:00.000Z";
        const due = { pollId: `${open.id}-aaaaaa`, postId: open.id, closesAt: later };
        expect(await after.listDuePollClosings("2031-06-01T09:59:59.999Z", 10)).toEqual([]);
        // The passed one is taken as announced.
        expect(await after.listDuePollClosings(later, 10)).toEqual([due]);
        expect(await after.claimPollClosing(due, later)).toBe(true);
        expect(await after.claimPollClosing(due, later)).toBe(false);
        expect(await after.listDuePollClosings(later, 10)).toEqual([]);

        // A write keeping the closing time keeps the claim; moving it makes the poll due again.
        await after.updatePost({ ...open, version: 2, title: "Bridge" }, 1);
        expect(await after.listDuePollClosings(later, 10)).toEqual([]);
        const moved = "2031-06-02T10:00:00.000Z";
        await after.updatePost(
          { ...open, version: 3, blocks: [poll(due.pollId, moved), poll(`${open.id}-b`)] },
          2,
        );
        expect(await after.listDuePollClosings(later, 10)).toEqual([]);
        expect(await after.listDuePollClosings(moved, 10)).toEqual([{ ...due, closesAt: moved }]);

        // A draft's passed poll is not due; published, it is (to be announced once); deleted,
        // it is not.
        const draft = makePost(blog, author, { status: "draft", publishedAt: null });
        draft.blocks = [poll(`${draft.id}-dddddd`, "2020-01-01T00:00:00Z")];
        await after.insertPost(draft);
        expect(await after.listDuePollClosings(later, 10)).toEqual([]);
        await after.updatePost({ ...draft, status: "published", version: 2 }, 1);
        const draftDue = {
          pollId: `${draft.id}-dddddd`,
          postId: draft.id,
          closesAt: "2020-01-01T00:00:00.000Z",
        };
        expect(await after.listDuePollClosings(later, 10)).toEqual([draftDue]);
        await after.updatePost(
          { ...draft, status: "published", version: 3, deletedAt: "2026-12-01T00:00:00.000Z" },
          2,
        );
        expect(await after.listDuePollClosings(later, 10)).toEqual([]);
      } finally {
        await after.close();
      }
    } finally {
      await db.cleanup();
    }
  }, 60_000);
});
