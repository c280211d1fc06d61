// The admin routes over real HTTP: GET /api/blogs/:slug/export and POST /api/import, between
// two Dispatch servers. A bad file is refused naming the line or item at fault (bad JSON, an
// invalid block in post 12, an archive missing a media file, a file that fails its checksum)
// and leaves every table and the media folder exactly as they were. The same archive imported
// twice changes nothing the second time; a slug held by another blog is refused unless merged.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { exportBlog } from "../../src/core/operations/transfer/export-blog.js";
import { DiskMediaStore } from "../../src/media/disk-media-store.js";
import { dispatchCli } from "../cli/backup-support.js";
import { databaseSnapshots } from "../helpers/db-snapshot.js";
import { removeCompiledCli } from "../helpers/processes.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  downloadExport,
  type SeededBlog,
  seedBlog,
  type Unpacked,
  unpack,
} from "./transfer-support.js";

const run = promisify(execFile);

let scratch: string;
let source: TestServer;
let target: TestServer;
let seeded: SeededBlog;
let archive: string;
let original: Unpacked;
let admin: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dispatch-transfer-api-"));
  source = await startTestServer();
  target = await startTestServer();
  seeded = await seedBlog(source, "harbour-fire");
  archive = path.join(scratch, "export.tar");
  await downloadExport(source, seeded.slug, seeded.adminToken, archive);
  original = await unpack(archive);
  admin = await target.tokenFor("admin", "Ida Importer");
}, 120_000);

afterAll(async () => {
  removeCompiledCli();
  await source?.close();
  await target?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function post(body: Buffer | string, type: string, token = admin, query = "") {
  const response = await fetch(`${target.url}/api/import${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** An archive packed by the system's tar: document.json and media/, `drop` left out, `spoil` altered. */
async function pack(document: unknown, options: { drop?: string; spoil?: string } = {}) {
  const dir = await mkdtemp(path.join(scratch, "pack-"));
  await writeFile(path.join(dir, "document.json"), JSON.stringify(document, null, 2));
  for (const [name, bytes] of original.media) {
    if (name === options.drop) continue;
    const copy = Buffer.from(bytes);
    if (name === options.spoil) copy[copy.length - 3] = (copy[copy.length - 3] ?? 0) ^ 0xff;
    await mkdir(path.join(dir, path.dirname(name)), { recursive: true });
    await writeFile(path.join(dir, name), copy);
  }
  const file = path.join(dir, "out.tar");
  await run("tar", ["--format=ustar", "-cf", file, "-C", dir, "document.json", "media"]);
  const { readFile } = await import("node:fs/promises");
  return readFile(file);
}

/** The original document as another blog (new blog id, slug and post ids). */
function anotherBlog(suffix: string) {
  const document = structuredClone(original.document);
  document.blog.id = `${document.blog.id.slice(0, 30)}${suffix}`;
  document.blog.slug = `harbour-fire-${suffix}`;
  for (const p of document.posts) p.id = `${p.id.slice(0, 30)}${suffix}`;
  return document;
}

async function mediaListing(): Promise<string[]> {
  const files = await readdir(path.join(target.dataDir, "media"), { recursive: true }).catch(
    () => [],
  );
  return files.map(String).sort();
}

describe("refused imports leave everything as it was", () => {
  const cases: [
    string,
    () => Promise<{
      status: number;
      json: { error: { code: string; field?: string; message: string } };
    }>,
    number,
    string,
    RegExp,
  ][] = [
    [
      "bad JSON, named by its line",
      () =>
        post(
          '{\n  "dispatch": "blog-export",\n  "version": 1,\n  "blog": {\n    "slug": }\n}',
          "application/json",
        ),
      422,
      "line 5",
      /line 5, column 13/,
    ],
    [
      "an invalid block in post 12",
      async () => {
        const document = anotherBlog("b");
        const template = document.posts[0];
        while (document.posts.length < 15) {
          document.posts.push({
            ...structuredClone(template),
            id: `extra${document.posts.length}`,
            pinned: false,
          });
        }
        document.posts[12].blocks[0] = { type: "image", src: "javascript:alert(1)", alt: "" };
        return post(await pack(document), "application/x-tar");
      },
      422,
      "posts[12].blocks[0].src",
      /^posts\[12\]\.blocks\[0\]\.src: Image sources must be https/,
    ],
    [
      "an archive missing a media file",
      async () =>
        post(
          await pack(anotherBlog("c"), { drop: original.document.media[3].path.slice(1) }),
          "application/x-tar",
        ),
      422,
      "media[3]",
      /is missing from the archive/,
    ],
    [
      "a media file that fails its checksum",
      async () =>
        post(
          await pack(anotherBlog("d"), { spoil: original.document.media[5].path.slice(1) }),
          "application/x-tar",
        ),
      422,
      "media[5].sha256",
      /does not match its checksum/,
    ],
  ];

  cases.push([
    "an image on this site's own non-media address",
    async () => {
      const document = anotherBlog("f");
      document.media = [];
      const host = new URL(target.url).host;
      document.posts[1].blocks = [
        { type: "image", src: `https://${host}/api/blogs/x/events`, alt: "" },
      ];
      return post(JSON.stringify(document), "application/json");
    },
    422,
    "posts[1].blocks[0].src",
    /own address must be an uploaded \/media\/ file/,
  ]);

  it.each(cases)("%s", async (_name, send, status, field, message) => {
    const snapshots = await databaseSnapshots({ dataDir: target.dataDir });
    try {
      const before = await snapshots.take();
      const files = await mediaListing();
      const answer = await send();
      expect(answer.status, JSON.stringify(answer.json)).toBe(status);
      expect(answer.json.error.code).toBe("import_invalid");
      expect(answer.json.error.field).toBe(field);
      expect(answer.json.error.message).toMatch(message);
      expect(await snapshots.take()).toEqual(before);
      expect(await mediaListing()).toEqual(files);
    } finally {
      await snapshots.close();
    }
  });

  it("is the CLI's refusal too, with the line at fault", { timeout: 120_000 }, async () => {
    const bad = path.join(scratch, "bad.json");
    await writeFile(bad, '{\n  "dispatch": "blog-export",\n  "posts": [1,, 2]\n}\n');
    const result = await dispatchCli(["import", bad], { DISPATCH_DATA_DIR: target.dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("line 3, column 15");
  });
});

describe("importing over the API", () => {
  it("is for admins only", async () => {
    const editor = await target.tokenFor("editor");
    const body = await pack(original.document);
    expect((await post(body, "application/x-tar", editor)).json.error.code).toBe("forbidden");
    const anonymous = await fetch(`${target.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/x-tar" },
      body,
    });
    expect(anonymous.status).toBe(401);
    const exported = await source.api("GET", `/api/blogs/${seeded.slug}/export`, {
      token: seeded.editorToken,
    });
    expect(exported.status).toBe(403);
  });

  it("brings the blog in whole, and the export there is the same document", async () => {
    const answer = await post(await readTar(archive), "application/x-tar");
    expect(answer).toEqual({
      status: 200,
      json: { blog: "harbour-fire", created: 8, updated: 0, unchanged: 0, media: 12, comments: 0 },
    });
    const again = path.join(scratch, "again.tar");
    await downloadExport(target, "harbour-fire", admin, again);
    const second = await unpack(again);
    expect(second.document).toEqual(original.document);
    // Readers see it: the public list, newest first, pinned and key events as they were.
    const listed = await target.api("GET", "/api/blogs/harbour-fire/posts?limit=50");
    const published = original.document.posts.filter(
      (p: { status: string }) => p.status === "published",
    );
    expect(listed.json.posts.map((p: { id: string }) => p.id)).toEqual(
      published.map((p: { id: string }) => p.id).reverse(),
    );
    const changes = await target.api("GET", "/api/blogs/harbour-fire/changes?since=0");
    expect(changes.status).toBe(200);
    const audit = await target.api("GET", "/api/audit?action=blog.import", { token: admin });
    expect(audit.json.entries).toHaveLength(1);
    expect(audit.json.entries[0]).toMatchObject({
      action: "blog.import",
      actor: { name: "Ida Importer" },
      detail: { created: 8, updated: 0, unchanged: 0 },
    });
  });

  it("changes nothing the second time", async () => {
    const snapshots = await databaseSnapshots({ dataDir: target.dataDir });
    try {
      const before = await snapshots.take();
      const answer = await post(await readTar(archive), "application/x-tar");
      expect(answer.json).toEqual({
        blog: "harbour-fire",
        created: 0,
        updated: 0,
        unchanged: 8,
        media: 0,
        comments: 0,
      });
      expect(await snapshots.take()).toEqual(before);
    } finally {
      await snapshots.close();
    }
  });

  it("refuses a slug another blog holds, unless asked to merge", async () => {
    const other = anotherBlog("e");
    other.blog.slug = "harbour-fire";
    const body = JSON.stringify(other);
    const refused = await post(body, "application/json");
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "blog_exists", field: "blog.slug" });
    const before = await target.api("GET", "/api/blogs/harbour-fire/changes?since=0");
    const merged = await post(body, "application/json", admin, "?mode=merge");
    expect(merged.json).toMatchObject({
      blog: "harbour-fire",
      created: 8,
      updated: 0,
      unchanged: 0,
    });
    // A reader polling from where it was gets the merged posts, oldest first.
    const after = await target.api(
      "GET",
      `/api/blogs/harbour-fire/changes?since=${before.json.last}`,
    );
    const published = other.posts.filter((p: { status: string }) => p.status === "published");
    const ids = new Set(published.map((p: { id: string }) => p.id));
    const seen = after.json.changes
      .filter(
        (c: { event: string; data: { id: string } }) => c.event === "post" && ids.has(c.data.id),
      )
      .map((c: { data: { id: string } }) => c.data.id);
    expect(seen).toEqual([...ids]);
    // The blog's pinned post gave way to the merged one, and readers were told.
    expect(after.json.changes.length).toBe(published.length + 1);
    // One pinned post per blog, still.
    const pinned = await target.api("GET", "/api/blogs/harbour-fire/posts?limit=50");
    expect(pinned.json.posts.filter((p: { pinned: boolean }) => p.pinned)).toHaveLength(1);
  });
});

describe("a syndicated post moved out and in", () => {
  it("keeps its mark of origin through the export and the import", async () => {
    const document = anotherBlog("o");
    const origin = {
      url: "https://wire.example.com/live/quake/posts/01jsource",
      blog: "Quake: live",
      host: "wire.example.com",
    };
    document.blog.hero = null;
    document.blog.intro = [];
    document.media = [];
    document.posts = [
      {
        ...document.posts.find((p: { status: string }) => p.status === "published"),
        pinned: false,
        blocks: [{ type: "paragraph", text: "Aftershocks felt across the valley." }],
        origin,
      },
    ];
    const answer = await post(JSON.stringify(document), "application/json");
    expect(answer.json).toMatchObject({ created: 1 });
    const id = document.posts[0].id;
    const shown = await target.api("GET", `/api/blogs/${document.blog.slug}/posts/${id}`);
    expect(shown.json.origin).toEqual(origin);
    const again = path.join(scratch, "origin.tar");
    await downloadExport(target, document.blog.slug, admin, again);
    expect((await unpack(again)).document.posts[0].origin).toEqual(origin);
  });
});

describe("importing another platform's page over the API", () => {
  it("takes the saved HTML page, then its JSON-LD, the second time changing nothing", async () => {
    const { readFile } = await import("node:fs/promises");
    const fixtures = path.join(import.meta.dirname, "fixtures");
    const page = await readFile(path.join(fixtures, "storm-ciaran-live.html"), "utf8");
    const first = await post(page, "text/html; charset=utf-8", admin, "?slug=storm-ciaran");
    expect(first.json).toEqual({
      blog: "storm-ciaran",
      created: 25,
      updated: 0,
      unchanged: 0,
      media: 0,
      comments: 0,
    });
    const jsonLd = await readFile(path.join(fixtures, "storm-ciaran-live.jsonld"), "utf8");
    const again = await post(jsonLd, "application/ld+json", admin, "?slug=storm-ciaran");
    expect(again.json).toEqual({
      blog: "storm-ciaran",
      created: 0,
      updated: 0,
      unchanged: 25,
      media: 0,
      comments: 0,
    });
    const listed = await target.api("GET", "/api/blogs/storm-ciaran/posts?limit=50");
    expect(listed.json.posts).toHaveLength(25);
    const wrongType = await post(page, "text/plain", admin);
    expect(wrongType.status).toBe(415);
  });
});

describe("exporting with media linked", () => {
  it("names every uploaded image by its https address and carries no files", async () => {
    const { document } = await exportBlog(
      { store: source.dispatch.newsroom.store, clock: systemClock },
      new DiskMediaStore(path.join(source.dataDir, "media")),
      null,
      seeded.slug,
      { media: "link", publicUrl: "https://news.example.org" },
    );
    expect(document.media).toEqual([]);
    expect(document.blog.hero?.src).toMatch(/^https:\/\/news\.example\.org\/media\/u\//);
    const images = document.posts.flatMap((p) => p.blocks.filter((b) => b.type === "image"));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.src).toMatch(/^https:\/\/news\.example\.org\/media\//);
    const refused = await source.api("GET", `/api/blogs/${seeded.slug}/export?media=link`, {
      token: seeded.adminToken,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.field).toBe("media");
  });
});

async function readTar(file: string): Promise<Buffer> {
  const { readFile } = await import("node:fs/promises");
  return readFile(file);
}
