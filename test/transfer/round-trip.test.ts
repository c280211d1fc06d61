// A blog moved with `dispatch export` and `dispatch import`, as an operator would: exported
// from a newsroom over the API, imported by the real CLI into a fresh SQLite data dir and into a
// fresh PostgreSQL database, and exported again there: the same document, the same media
// bytes. The imported posts enter the change log oldest first, and importing the same file a
// second time writes nothing at all.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { dispatchCli } from "../cli/backup-support.js";
import { databaseSnapshots } from "../helpers/db-snapshot.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { removeCompiledCli } from "../helpers/processes.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  downloadExport,
  type SeededBlog,
  seedBlog,
  type Unpacked,
  unpack,
} from "./transfer-support.js";

let scratch: string;
let source: TestServer;
let seeded: SeededBlog;
let archive: string;
let original: Unpacked;
const databases: TestDatabase[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dispatch-transfer-"));
  source = await startTestServer();
  seeded = await seedBlog(source, "harbour-fire");
  archive = path.join(scratch, "harbour-fire.tar");
  await downloadExport(source, seeded.slug, seeded.adminToken, archive);
  original = await unpack(archive);
}, 120_000);

afterAll(async () => {
  removeCompiledCli();
  await source?.close();
  await Promise.all(databases.map((db) => db.drop()));
  await rm(scratch, { recursive: true, force: true });
});

describe("the export document", () => {
  it("holds the blog's settings, its published and scheduled posts and their media", () => {
    const { document, media } = original;
    expect(document).toMatchObject({ dispatch: "blog-export", version: 1 });
    expect(document.blog).toMatchObject({
      slug: "harbour-fire",
      title: "Harbour fire",
      status: "closed",
      language: "en-GB",
      timezone: "Europe/London",
      reporterMode: "approval",
      hero: { alt: "Smoke over the quay", caption: "At midnight", credit: "Desk" },
      adSlots: { every: 3, height: 250 },
    });
    expect(document.blog.closedAt).toEqual(expect.any(String));
    const ids = document.posts.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(seeded.draftId);
    expect(ids).not.toContain(seeded.deletedId);
    expect(document.posts).toHaveLength(8);
    expect(document.posts.filter((p: { status: string }) => p.status === "scheduled")).toHaveLength(
      1,
    );
    expect(document.posts.filter((p: { pinned: boolean }) => p.pinned)).toHaveLength(1);
    expect(document.posts.filter((p: { keyEvent: boolean }) => p.keyEvent)).toHaveLength(2);
    const first = document.posts.find((p: { title: string }) => p.title === "First crews");
    expect(first.tags).toEqual(["Harbour", "Пожар"]);
    // A post without tags says nothing of them.
    expect(document.posts.filter((p: { tags?: string[] }) => p.tags)).toHaveLength(1);
    expect(first.authors).toEqual([
      { name: "Sam Colleague", email: seeded.colleagueEmail },
      { name: "Agency", kind: "organization" },
    ]);
    const guest = document.posts.find(
      (p: { authors: { name: string }[] }) => p.authors[0]?.name === "Guest Writer",
    );
    expect(guest.authors).toEqual([{ name: "Guest Writer", kind: "person" }]);
    // Two uploads, each in three widths and two formats, every one listed with its checksum.
    expect(document.media).toHaveLength(12);
    for (const entry of document.media) {
      const bytes = media.get(entry.path.slice(1));
      expect(bytes?.length, entry.path).toBe(entry.bytes);
    }
  });
});

describe.each(["sqlite", "postgres"] as const)(
  "export, import into a fresh %s, export again",
  (backend) => {
    let dataDir: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(scratch, `${backend}-`));
      env = { DISPATCH_DATA_DIR: dataDir };
      if (backend === "postgres") {
        const db = await createTestDatabase();
        databases.push(db);
        env.DATABASE_URL = db.url;
      }
      const added = await dispatchCli(
        ["user", "add", "importer@newsroom.example", "--role", "admin"],
        env,
      );
      expect(added.status, added.stderr).toBe(0);
    }, 120_000);

    it("gives the same document and the same media bytes", { timeout: 240_000 }, async () => {
      const imported = await dispatchCli(["import", archive], env);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain(
        "Imported harbour-fire (archive): 8 created, 0 updated, 0 unchanged, 12 media files written",
      );
      expect(imported.stderr).toContain("posts 8/8");

      const again = path.join(scratch, `${backend}-again.tar`);
      const exported = await dispatchCli(["export", "harbour-fire", "--out", again], env);
      expect(exported.status, exported.stderr).toBe(0);
      // An export never overwrites a file.
      const twice = await dispatchCli(["export", "harbour-fire", "--out", again], env);
      expect(twice.status).toBe(1);
      expect(twice.stderr).toContain("exists already");
      const second = await unpack(again);
      expect(second.document).toEqual(original.document);
      expect([...second.media.keys()].sort()).toEqual([...original.media.keys()].sort());
      for (const [name, bytes] of original.media)
        expect(second.media.get(name)?.equals(bytes), name).toBe(true);

      // The change log: the blog, then each published post oldest first, so readers replay them in order.
      const store = await openStore({
        dataDir,
        ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      });
      try {
        const blog = await store.findBlogBySlug("harbour-fire");
        // The ad slots rule came with the blog, so its live page places them as before.
        expect(blog?.adSlots).toEqual({ every: 3, height: 250 });
        const changes = await store.listChanges(blog?.id ?? "", 0, 100);
        expect(changes[0]?.kind).toBe("blog");
        const logged = changes.flatMap((c) => (c.kind === "post" ? [c.post.id] : []));
        const published = original.document.posts
          .filter((p: { status: string }) => p.status === "published")
          .map((p: { id: string }) => p.id);
        expect(logged).toEqual(published);
      } finally {
        await store.close();
      }
    });

    it("changes nothing when the same file is imported again", { timeout: 240_000 }, async () => {
      const snapshots = await databaseSnapshots(
        env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir },
      );
      try {
        const before = await snapshots.take();
        const imported = await dispatchCli(["import", archive], env);
        expect(imported.status, imported.stderr).toBe(0);
        expect(imported.stdout).toContain(
          "0 created, 0 updated, 8 unchanged, 0 media files written",
        );
        expect(await snapshots.take()).toEqual(before);
      } finally {
        await snapshots.close();
      }
    });
  },
);
