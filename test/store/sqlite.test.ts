// The Store contract against a real SQLite file in a temporary data dir, plus what only
// SQLite's wiring does: the file lives in the data dir and survives a restart.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { MIGRATION_NAMES, migrateDownTo } from "../../src/store/migrations/index.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";
import { describeStoreContract } from "./contract.js";

/** Takes the migrated SQLite database in `dataDir` back to just after migration `name`. */
async function migrateBackTo(dataDir: string, name: string): Promise<void> {
  const raw = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new Sqlite(join(dataDir, SQLITE_FILE_NAME)) }),
  });
  try {
    await migrateDownTo(raw, name);
  } finally {
    await raw.destroy();
  }
}

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
      await migrateBackTo(dataDir, "0003_sessions");

      const reopened = await openStore({ dataDir });
      expect(await reopened.migrate()).toEqual(MIGRATION_NAMES.filter((n) => n > "0004"));
      expect((await reopened.findBlogById(a.id))?.lastChangeAt).toBe("2026-11-26T09:30:00.000Z");
      const untouched = await reopened.findBlogAt(b.slug);
      expect([untouched?.seq, untouched?.at]).toEqual([0, null]);
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("fills in the search words of posts written before the desk search was kept", async () => {
    const dataDir = await tempDataDir();
    const blog = makeBlog();
    const author = makeUser({ name: "Priya Shah" });
    try {
      const store = await openStore({ dataDir });
      await store.migrate();
      await store.insertUser(author);
      await store.insertBlog(blog);
      const posts = Array.from({ length: 3 }, (_, i) =>
        makePost(blog, author, {
          title: i === 1 ? "Harbour WALL breached" : `Update ${i}`,
          createdAt: new Date(Date.UTC(2026, 10, 26, 14, i)).toISOString(),
        }),
      );
      for (const post of posts) await store.insertPost(post);
      await store.close();
      await migrateBackTo(dataDir, "0005_sign_in_attempts");

      const reopened = await openStore({ dataDir });
      expect(await reopened.migrate()).toEqual(MIGRATION_NAMES.filter((n) => n > "0006"));
      const found = await reopened.searchPosts({
        blogId: blog.id,
        words: ["harbour"],
        author: "shah",
        statuses: ["published"],
        limit: 10,
      });
      expect(found.map((p) => p.id)).toEqual([posts[1]?.id]);
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("undoes the media library's migration, and applying it again enters the images posts use", async () => {
    const dataDir = await tempDataDir();
    const blog = makeBlog();
    const author = makeUser({ name: "Ana Photo" });
    const photo = (id: string, words: Record<string, string>) => ({
      type: "image" as const,
      src: `/media/u/${id}/1600.jpg`,
      alt: "",
      ...words,
    });
    const posts = [
      makePost(blog, author, { blocks: [photo("aaaa1", { alt: "Quay", credit: "Ana Photo" })] }),
      makePost(blog, author, { blocks: [photo("aaaa1", { alt: "Quay", caption: "At dawn" })] }),
      makePost(blog, author, {
        blocks: [photo("bbbb2", { alt: "Gone", caption: "Deleted words" })],
        deletedAt: "2026-11-26T15:00:00.000Z",
      }),
      makePost(blog, author, {
        blocks: [{ ...photo("x", { alt: "Elsewhere" }), src: "https://example.org/a.jpg" }],
      }),
    ];
    try {
      const store = await openStore({ dataDir });
      await store.migrate();
      await store.insertUser(author);
      await store.insertBlog(blog);
      for (const post of posts) await store.insertPost(post);
      await store.close();
      await migrateBackTo(dataDir, "0009_return_note");

      const reopened = await openStore({ dataDir });
      expect(await reopened.migrate()).toEqual(
        MIGRATION_NAMES.filter((n) => n > "0009_return_note"),
      );
      expect(await reopened.findBlogById(blog.id)).toMatchObject({ slug: blog.slug });
      const media = await reopened.listMedia({ words: [], limit: 10 });
      expect(media).toEqual([
        expect.objectContaining({
          id: "aaaa1",
          src: "/media/u/aaaa1/1600.jpg",
          alt: "Quay",
          caption: "At dawn",
          credit: "Ana Photo",
          uploaderName: "Ana Photo",
          width: 0,
        }),
      ]);
      expect((await reopened.listMedia({ words: ["dawn"], limit: 10 })).length).toBe(1);
      await reopened.close();
      await migrateBackTo(dataDir, "0009_return_note");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("leaves retracted words out of a change log written before changes were superseded", async () => {
    const dataDir = await tempDataDir();
    const blog = makeBlog();
    const author = makeUser();
    try {
      const store = await openStore({ dataDir });
      await store.migrate();
      await store.insertUser(author);
      await store.insertBlog(blog);
      const post = makePost(blog, author, { blocks: [{ type: "paragraph", text: "John Doe" }] });
      const other = makePost(blog, author);
      await store.close();
      await migrateBackTo(dataDir, "0010_media_library");
      // The log as the older schema wrote it: every change kept as current.
      const raw = new Sqlite(join(dataDir, SQLITE_FILE_NAME));
      const insert = raw.prepare(
        "insert into changes (blog_id, seq, at, kind, entity_id, body) values (?, ?, ?, ?, ?, ?)",
      );
      const logged = [
        { kind: "post", post },
        { kind: "post", post: other },
        { kind: "delete", postId: post.id },
      ] as const;
      logged.forEach((body, i) => {
        const entity = body.kind === "delete" ? body.postId : body.post.id;
        insert.run(blog.id, i + 1, blog.createdAt, body.kind, entity, JSON.stringify(body));
      });
      raw.prepare("update blogs set last_seq = 3 where id = ?").run(blog.id);
      raw.close();

      const reopened = await openStore({ dataDir });
      expect(await reopened.migrate()).toEqual(
        MIGRATION_NAMES.filter((n) => n > "0010_media_library"),
      );
      const log = await reopened.listChanges(blog.id, 0, 100);
      expect(log.map((c) => [c.seq, c.kind])).toEqual([
        [2, "post"],
        [3, "delete"],
      ]);
      expect(JSON.stringify(log)).not.toContain("John Doe");
      await reopened.close();
      // And back: the older schema reads the log as it did.
      await migrateBackTo(dataDir, "0010_media_library");
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
