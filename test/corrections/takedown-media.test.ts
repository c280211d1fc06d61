// A legal takedown's images over real HTTP, on SQLite and PostgreSQL: every uploaded image the
// post showed (in its words or only in an earlier version) that nothing else standing shows
// any more stops being served at every variant's address, leaves the media store's disk and
// the media library, is named to the CDN's purge hook and in the audit entry; an image
// another post, or the blog's hero, still shows stays, though the library forgets the words
// it had from the post. A deleted post keeps nothing alive.

import { access } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { tablesHolding } from "../helpers/tables-holding.js";

const backends = [
  { name: "SQLite", database: async (): Promise<TestDatabase | undefined> => undefined },
  { name: "PostgreSQL", database: (): Promise<TestDatabase | undefined> => createTestDatabase() },
];
const slug = "floods";
const VARIANTS = [480, 960, 1600].flatMap((width) => [`${width}.webp`, `${width}.jpg`]);

describe.each(backends)("a takedown's images on $name", ({ database }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let editor: string;
  let purgeHook: PurgeReceiver;

  const status = async (url: string) => (await fetch(`${server.url}${url}`)).status;
  /** Every address an upload is served at: each width, WebP and JPEG. */
  const variants = (id: string) => VARIANTS.map((file) => `/media/u/${id}/${file}`);
  const upload = async (hue: number, name: string) =>
    uploadImage(server.url, editor, await drawJpeg(800, 450, hue), name);
  /** An image as a gallery holds it; `image` makes it a block of its own. */
  const picture = (src: string, alt: string, caption?: string) => ({
    src,
    alt,
    ...(caption ? { caption } : {}),
  });
  const image = (src: string, alt: string) => ({ type: "image", ...picture(src, alt) });
  const publish = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json;
  };
  const libraryIds = async () => {
    const answer = await server.api("GET", "/api/media?limit=100", { token: editor });
    expect(answer.status).toBe(200);
    return (answer.json.media as { id: string }[]).map((item) => item.id);
  };

  beforeAll(async () => {
    db = await database();
    purgeHook = await startPurgeReceiver();
    server = await startTestServer({
      env: { PURGE_URL: purgeHook.url },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    editor = await server.tokenFor("editor");
  });

  afterAll(async () => {
    await server?.close();
    await purgeHook?.close();
    await db?.drop();
  });

  it("stops serving the images only the post showed, keeping those shown elsewhere", async () => {
    const secret = "PHOTOLIBEL";
    const only = await upload(10, "only-here.jpg");
    const earlier = await upload(60, "earlier-version.jpg");
    const shared = await upload(120, "shared.jpg");
    const hero = await upload(240, "hero.jpg");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Floods", hero: picture(hero.src, "The river at dawn") },
    });
    expect(blog.status, JSON.stringify(blog.json)).toBe(201);

    const post = await publish({
      title: "Named in a photo",
      blocks: [paragraph("Who was there."), image(only.src, "A face"), image(earlier.src, "A car")],
    });
    // The first version showed `earlier`; the post shows it no more, its history does.
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
      body: {
        blocks: [
          paragraph("Who was there."),
          image(only.src, "A face"),
          {
            type: "gallery",
            images: [
              picture(shared.src, "The bridge", `${secret} on the bridge`),
              picture(hero.src, "River"),
            ],
          },
        ],
        correction: "A photo replaced",
        version: post.version,
      },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    await publish({ title: "The bridge", blocks: [image(shared.src, "The bridge at noon")] });
    // A deleted post keeps no image alive.
    const deleted = await publish({ title: "Gone", blocks: [image(only.src, "A face again")] });
    expect(
      (await server.api("DELETE", `/api/blogs/${slug}/posts/${deleted.id}`, { token: editor }))
        .status,
    ).toBe(204);

    for (const { id } of [only, earlier, shared, hero]) {
      for (const url of variants(id)) expect(await status(url), url).toBe(200);
    }
    expect(await libraryIds()).toEqual(
      expect.arrayContaining([only.id, earlier.id, shared.id, hero.id]),
    );
    // The library remembered the caption the post gave the shared image.
    expect(await tablesHolding(server, db?.url, secret)).toEqual(
      expect.arrayContaining(["media", "posts"]),
    );

    purgeHook.received.length = 0;
    const answer = await server.api("POST", `/api/blogs/${slug}/posts/${post.id}/takedown`, {
      token: editor,
      body: { reason: "Court order 12/2026" },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(204);

    const gone = [...variants(only.id), ...variants(earlier.id)];
    for (const url of gone) expect(await status(url), url).toBe(404);
    for (const id of [only.id, earlier.id]) {
      await expect(access(path.join(server.dataDir, "media", "u", id))).rejects.toThrow();
    }
    for (const url of [...variants(shared.id), ...variants(hero.id)]) {
      expect(await status(url), url).toBe(200);
    }
    // The desk is not offered a taken-down photo again; the others stay in its library.
    const library = await libraryIds();
    expect(library).not.toContain(only.id);
    expect(library).not.toContain(earlier.id);
    expect(library).toEqual(expect.arrayContaining([shared.id, hero.id]));
    // The shared image stays, without the words the library had from the post.
    expect(await tablesHolding(server, db?.url, secret)).toEqual([]);

    await expect
      .poll(() => purgeHook.received.flatMap((request) => request.paths), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(gone));
    const purged = purgeHook.received.flatMap((request) => request.paths);
    for (const url of [...variants(shared.id), ...variants(hero.id)]) {
      expect(purged, url).not.toContain(url);
    }

    const audit = await server.api("GET", "/api/audit?action=post.takedown", {
      token: await server.tokenFor("admin"),
    });
    const entry = audit.json.entries.find((e: { postId?: string }) => e.postId === post.id);
    expect(entry, JSON.stringify(audit.json.entries)).toBeTruthy();
    expect([...entry.detail.media].sort()).toEqual([...gone].sort());
  });
});
