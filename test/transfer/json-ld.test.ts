// Another platform's live blog brought in from its schema.org LiveBlogPosting JSON-LD: a saved
// page (the ld+json blocks of its HTML) and the same JSON-LD as a file. Every update becomes a
// post with its headline, body, times, authors and every https image; a second import of the
// same coverage, in either form, finds every post as it is and writes nothing.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { importBlog } from "../../src/core/operations/transfer/import-blog.js";
import type { Newsroom } from "../../src/core/ports.js";
import type { Post } from "../../src/core/post.js";
import type { Actor } from "../../src/core/user.js";
import { DiskMediaStore } from "../../src/media/disk-media-store.js";
import { blockWordsFor } from "../../src/reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../../src/realtime/in-process-broadcaster.js";
import { readImportFile } from "../../src/transfer/import-file.js";
import { databaseSnapshots } from "../helpers/db-snapshot.js";
import { makeUser } from "../helpers/factories.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const PAGE = path.join(FIXTURES, "storm-ciaran-live.html");
const JSON_LD = path.join(FIXTURES, "storm-ciaran-live.jsonld");

// biome-ignore lint/suspicious/noExplicitAny: the fixture is read field by field
type Node = any;

let temp: TempStore;
let dataDir: string;
let newsroom: Newsroom;
let media: DiskMediaStore;
let actor: Actor;
let live: Node;

beforeAll(async () => {
  temp = await tempSqliteStore("dispatch-jsonld-");
  dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-jsonld-media-"));
  media = new DiskMediaStore(dataDir);
  newsroom = {
    store: temp.store,
    broadcaster: new InProcessBroadcaster(),
    clock: systemClock,
    blockWords: blockWordsFor,
  };
  const user = makeUser({ role: "admin", name: "Ada Admin" });
  await temp.store.insertUser(user);
  actor = { id: user.id, name: user.name, role: "admin" };
  const graph = JSON.parse(await readFile(JSON_LD, "utf8"))["@graph"] as Node[];
  live = graph.find((node) => node["@type"] === "LiveBlogPosting");
});

afterAll(async () => {
  await newsroom.broadcaster.close();
  await temp.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const iso = (time: string) => new Date(time).toISOString();
const httpsImages = (image: Node): string[] =>
  (Array.isArray(image) ? image : [image])
    .map((item: Node) => (typeof item === "string" ? item : (item.url ?? item.contentUrl)))
    .filter((src: string) => src.startsWith("https://"));

async function importFile(file: string) {
  const read = await readImportFile(file, { now: new Date() });
  return importBlog(newsroom, media, actor, read.document);
}

describe("a LiveBlogPosting from another platform's page", () => {
  it("imports every update with its headline, times, authors and images", async () => {
    const summary = await importFile(PAGE);
    expect(summary).toMatchObject({ blog: "storm-ciaran-live-updates", created: 25, updated: 0 });

    const blog = await temp.store.findBlogBySlug("storm-ciaran-live-updates");
    expect(blog).toMatchObject({
      title: live.headline,
      summary: live.description,
      language: "en-GB",
      status: "closed",
      closedAt: iso(live.coverageEndTime),
      createdAt: iso(live.coverageStartTime),
      hero: { src: live.image[0], alt: "" },
    });
    const posts = await temp.store.listBlogPosts(blog?.id ?? "", ["published"]);
    expect(posts).toHaveLength(25);
    const byTitle = new Map<string, Post>(posts.map((post) => [post.title, post]));
    for (const update of live.liveBlogUpdate as Node[]) {
      const post = byTitle.get(update.headline);
      expect(post, update.headline).toBeDefined();
      if (!post) continue;
      expect(post.publishedAt).toBe(iso(update.datePublished));
      expect(post.updatedAt).toBe(iso(update.dateModified ?? update.datePublished));
      const images = post.blocks.flatMap((b) => (b.type === "image" ? [b.src] : []));
      expect(images).toEqual(httpsImages(update.image));
      const names = (Array.isArray(update.author) ? update.author : [update.author]).map(
        (a: Node) => a.name,
      );
      expect(post.bylines.map((b) => b.name)).toEqual(names);
    }
    // An HTML body keeps its emphasis, links and list; text keeps its characters as text.
    const html = byTitle.get("Winds of 80 mph recorded at Porthleven");
    expect(html?.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "list", "image"]);
    expect(html?.html).toContain("<strong>Porthleven</strong>");
    expect(html?.html).toContain('href="https://www.metoffice.gov.uk/weather/warnings-and-advice"');
    const text = byTitle.get("Plymouth: update 2");
    expect(text?.html).toContain("*all* crews [were] out");
    const quoted = byTitle.get("Falmouth: update 3");
    expect(quoted?.blocks[0]).toEqual({
      type: "paragraph",
      text: "“We’ve never seen anything like it,” said a harbourmaster.",
    });
    expect(quoted?.blocks[1]).toEqual({ type: "quote", text: "The sea came over the wall twice." });
    // An image credit and caption from an ImageObject travel with it.
    const described = byTitle.get("Plymouth: update 2")?.blocks.find((b) => b.type === "image");
    expect(described).toMatchObject({ caption: "Waves at Plymouth", credit: "Photograph: PA" });

    // The change log carries the updates oldest first, after the blog.
    const changes = await temp.store.listChanges(blog?.id ?? "", 0, 100);
    const times = changes.flatMap((c) => (c.kind === "post" ? [c.post.publishedAt ?? ""] : []));
    expect(times).toHaveLength(25);
    expect(times).toEqual([...times].sort());
  });

  it("changes nothing when the same coverage is imported again, as a page or as JSON-LD", async () => {
    const snapshots = await databaseSnapshots({ dataDir: temp.dataDir });
    try {
      const before = await snapshots.take();
      expect(await importFile(PAGE)).toMatchObject({ created: 0, updated: 0, unchanged: 25 });
      expect(await importFile(JSON_LD)).toMatchObject({ created: 0, updated: 0, unchanged: 25 });
      expect(await snapshots.take()).toEqual(before);
    } finally {
      await snapshots.close();
    }
  });
});
