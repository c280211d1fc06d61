// The Store contract against a real SQLite file in a temporary data dir, plus what only
// SQLite's wiring does: the file lives in the data dir and survives a restart.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { MIGRATION_NAMES } from "../../src/store/migrations/index.js";
import { makeBlog } from "../helpers/factories.js";
import { describeStoreContract } from "./contract.js";

async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "dispatch-store-"));
}

describeStoreContract("SQLite", async () => {
  const dataDir = await tempDataDir();
  const store = await openStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe("SQLite store", () => {
  it("is chosen when DATABASE_URL is unset, and creates a missing data dir", async () => {
    const parent = await tempDataDir();
    const dataDir = join(parent, "not", "yet", "there");
    const store = await openStore({ dataDir, databaseUrl: "" });
    try {
      expect(store.backend).toBe("sqlite");
      expect(await store.migrate()).toEqual(MIGRATION_NAMES);
    } finally {
      await store.close();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("keeps what was written across a restart", async () => {
    const dataDir = await tempDataDir();
    const blog = makeBlog();
    try {
      const first = await openStore({ dataDir });
      await first.migrate();
      await first.insertBlog(blog);
      await first.appendChange(blog.id, blog.createdAt, { kind: "blog", blog });
      await first.close();

      const second = await openStore({ dataDir });
      expect(await second.migrate()).toEqual([]);
      expect(await second.findBlogBySlug(blog.slug)).toEqual({
        ...blog,
        lastChangeAt: blog.createdAt,
      });
      expect(await second.lastSeq(blog.id)).toBe(1);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("fills in when each blog last changed for a database made before that was kept", async () => {
    const dataDir = await tempDataDir();
    const [a, b] = [makeBlog(), makeBlog()];
    try {
      const store = await openStore({ dataDir });
      await store.migrate();
      for (const blog of [a, b]) await store.insertBlog(blog);
      await store.appendChange(a.id, "2026-11-26T09:00:00.000Z", { kind: "blog", blog: a });
      await store.appendChange(a.id, "2026-11-26T09:30:00.000Z", { kind: "delete", postId: "x" });
      await store.close();
      // The database as it was before migration 0004.
      const raw = new Sqlite(join(dataDir, SQLITE_FILE_NAME));
      raw.exec(`drop table sign_in_attempts; alter table blogs drop column last_change_at;
        alter table posts drop column bylines; alter table users drop column title;
        alter table users drop column avatar;
        delete from kysely_migration
          where name in ('0004_last_change', '0005_sign_in_attempts', '0008_bylines');`);
      raw.close();

      const reopened = await openStore({ dataDir });
      expect(await reopened.migrate()).toEqual([
        "0004_last_change",
        "0005_sign_in_attempts",
        "0008_bylines",
      ]);
      expect((await reopened.findBlogById(a.id))?.lastChangeAt).toBe("2026-11-26T09:30:00.000Z");
      const untouched = await reopened.findBlogAt(b.slug);
      expect([untouched?.seq, untouched?.at]).toEqual([0, null]);
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a DATABASE_URL it cannot use, naming the setting but not the password", async () => {
    const dataDir = await tempDataDir();
    try {
      const error = await openStore({
        dataDir,
        databaseUrl: "mysql://root:s3cret@db/dispatch",
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain("DATABASE_URL");
      expect((error as Error).message).not.toContain("s3cret");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
