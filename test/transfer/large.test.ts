// A long blog in one import: 3,000 posts read from a file, written in one transaction with
// progress reported as they go, each in the change log once and in order.

import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { importBlog } from "../../src/core/operations/transfer/import-blog.js";
import type { Newsroom } from "../../src/core/ports.js";
import type { Actor } from "../../src/core/user.js";
import { DiskMediaStore } from "../../src/media/disk-media-store.js";
import { blockWordsFor } from "../../src/reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../../src/realtime/in-process-broadcaster.js";
import { readImportFile } from "../../src/transfer/import-file.js";
import { makeUser } from "../helpers/factories.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

const POSTS = 3000;
let temp: TempStore;
let newsroom: Newsroom;
let actor: Actor;

beforeAll(async () => {
  temp = await tempSqliteStore("dispatch-large-import-");
  newsroom = {
    store: temp.store,
    broadcaster: new InProcessBroadcaster(),
    clock: systemClock,
    blockWords: blockWordsFor,
  };
  const user = makeUser({ role: "admin" });
  await temp.store.insertUser(user);
  actor = { id: user.id, name: user.name, role: "admin" };
});

afterAll(async () => {
  await newsroom.broadcaster.close();
  await temp.remove();
});

it(`imports ${POSTS} posts with progress, in order`, { timeout: 120_000 }, async () => {
  const start = Date.parse("2026-05-01T06:00:00.000Z");
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const document = {
    dispatch: "blog-export",
    version: 1,
    blog: {
      id: "longblog",
      slug: "election-night",
      title: "Election night",
      summary: "",
      intro: [],
      hero: null,
      sourceNote: "",
      language: "en",
      timezone: "UTC",
      reporterMode: "publish",
      status: "live",
      createdAt: at(0),
      updatedAt: at(0),
      closedAt: null,
    },
    // Listed newest first, as a page would: the import orders them itself.
    posts: Array.from({ length: POSTS }, (_, i) => ({
      id: `post${String(POSTS - i).padStart(5, "0")}`,
      title: `Result ${POSTS - i}`,
      blocks: [{ type: "paragraph", text: `Seat ${POSTS - i} declared.` }],
      pinned: false,
      keyEvent: i % 100 === 0,
      status: "published",
      publishAt: null,
      publishedAt: at(POSTS - i),
      createdAt: at(POSTS - i),
      updatedAt: at(POSTS - i),
      version: 1,
      authors: [{ name: "Results desk" }],
    })),
    media: [],
  };
  const file = path.join(temp.dataDir, "election.json");
  await writeFile(file, JSON.stringify(document));
  const read = await readImportFile(file, { now: new Date() });
  const progress: string[] = [];
  const summary = await importBlog(
    newsroom,
    new DiskMediaStore(path.join(temp.dataDir, "media")),
    actor,
    read.document,
    { progress: (done, total) => progress.push(`${done}/${total}`) },
  );
  expect(summary).toMatchObject({ created: POSTS, updated: 0, unchanged: 0 });
  expect(progress).toHaveLength(POSTS / 100);
  expect(progress[0]).toBe(`100/${POSTS}`);
  expect(progress.at(-1)).toBe(`${POSTS}/${POSTS}`);
  const blog = await temp.store.findBlogBySlug("election-night");
  expect(await temp.store.lastSeq(blog?.id ?? "")).toBe(POSTS + 1);
  const changes = await temp.store.listChanges(blog?.id ?? "", 1, 50);
  expect(changes.map((c) => (c.kind === "post" ? c.post.id : c.kind))).toEqual(
    Array.from({ length: 50 }, (_, i) => `post${String(i + 1).padStart(5, "0")}`),
  );
});
