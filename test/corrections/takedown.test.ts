// A legal takedown over real HTTP, on SQLite and PostgreSQL: the post and its whole history
// leave every public surface, each fetched before and after (page, permalink, history, lite,
// AMP, embeds (the iframe and the script embed's JSON), JSON-LD, feeds, oEmbed,
// search, tag views, the key-events view, the day archive, the change log and the stream's
// replay), the CDN is told (by path or by the blog's cache tag every cacheable answer
// carries), no table but the audit log holds any of its words (read over a connection of the
// test's own), and the audit log keeps who, when and why.
// A post deleted first can still be taken down, so its history is really erased.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogCacheTag } from "../../src/http/headers.js";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";
import { tablesHolding as tablesIn } from "../helpers/tables-holding.js";

const backends = [
  { name: "SQLite", database: async (): Promise<TestDatabase | undefined> => undefined },
  { name: "PostgreSQL", database: (): Promise<TestDatabase | undefined> => createTestDatabase() },
];
const PUBLIC_URL = "https://news.example";
const zone = "Asia/Almaty";

describe.each(backends)("a legal takedown on $name", ({ database }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let editor: string;
  let admin: string;
  let purgeHook: PurgeReceiver;
  let blogId: string;
  const slug = "unrest";

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const publish = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status).toBe(201);
    return answer.json;
  };
  const takedown = (id: string, body: unknown = { reason: "Court order 41/2026" }) =>
    server.api("POST", `/api/blogs/${slug}/posts/${id}/takedown`, { token: editor, body });

  /** A published, corrected post whose every word holds `secret`, and where readers see it. */
  const plant = async (secret: string) => {
    const post = await publish({
      title: `Named ${secret}`,
      blocks: [paragraph(`First ${secret} claim.`)],
      keyEvent: true,
      source: { text: `Leaked by ${secret}` },
      verification: { state: "disputed", note: `Denied by ${secret}` },
      tags: [`Tag ${secret}`],
    });
    const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
      body: {
        blocks: [paragraph(`Second ${secret} claim.`)],
        correction: `Fixed ${secret}`,
        version: post.version,
      },
    });
    expect(corrected.status).toBe(200);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(
      new Date(post.publishedAt),
    );
    const tag = `tag-${secret.toLowerCase()}`;
    const permalink = `/live/${slug}/posts/${post.id}`;
    const oembed = (url: string) => `/oembed?url=${encodeURIComponent(PUBLIC_URL + url)}`;
    // Surfaces that show the post's words.
    const wordPaths = [
      `/live/${slug}`,
      `/live/${slug}?keyEvents=1`,
      `/live/${slug}?tag=${tag}`,
      `/live/${slug}/${day}`,
      permalink,
      `${permalink}/history`,
      `/live/${slug}/lite`,
      `/live/${slug}/amp`,
      `/live/${slug}/embed`,
      `/live/${slug}/embed?post=${post.id}`,
      `/live/${slug}/embed?keyEvents=1`,
      `/live/${slug}/feed.atom`,
      `/live/${slug}/feed.rss`,
      `/live/${slug}/feed.json`,
      "/live/feed.atom",
      oembed(permalink),
      `/api/blogs/${slug}/posts`,
      `/api/blogs/${slug}/posts?limit=20&keyEvent=1`,
      `/api/blogs/${slug}/posts?tag=${tag}`,
      `/api/blogs/${slug}/posts/${post.id}`,
      `/api/blogs/${slug}/posts/${post.id}/history`,
      `/api/blogs/${slug}/changes?since=0`,
      `/api/blogs/${slug}/tags`,
    ];
    // The search echoes the words asked for, so there the post's id is what must go.
    const searchPaths = [
      `/live/${slug}/search?q=${secret.toLowerCase()}`,
      `/api/blogs/${slug}/search?q=${secret.toLowerCase()}`,
    ];
    // What a CDN may keep without asking again: each must be purged by path or by tag.
    const cached = new Map<string, boolean>();
    for (const path of [...wordPaths, ...searchPaths]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      if (!searchPaths.includes(path)) expect(answer.text, path).toContain(secret);
      const cacheControl = answer.headers.get("cache-control") ?? "";
      if (!/no-store|no-cache|private|max-age=0\b/.test(cacheControl)) {
        cached.set(path, answer.headers.get("surrogate-key") === blogCacheTag(blogId));
      }
    }
    const page = await get(`/live/${slug}`);
    expect(jsonLd(page.text), "JSON-LD").toContain(secret);
    for (const path of searchPaths) expect((await get(path)).text, path).toContain(post.id);
    expect(await tablesHolding(secret)).toEqual(
      expect.arrayContaining(["changes", "post_tags", "post_versions", "posts"]),
    );
    return { post, wordPaths, searchPaths, permalink, day, tag, oembed, cached };
  };

  /** Nothing of the post is left where readers, caches and the database can reach. */
  const expectGone = async (secret: string, planted: Awaited<ReturnType<typeof plant>>) => {
    const { post, wordPaths, searchPaths, permalink, tag, oembed, cached } = planted;
    await expect
      .poll(() => purgeHook.received.flatMap((request) => request.tags), { timeout: 10_000 })
      .toContain(blogCacheTag(blogId));
    const purged = new Set(purgeHook.received.flatMap((request) => request.paths));
    for (const path of [...wordPaths, ...searchPaths]) {
      expect((await get(path)).text, path).not.toContain(secret);
    }
    for (const [path, tagged] of cached) expect(tagged || purged.has(path), path).toBe(true);
    for (const path of searchPaths) expect((await get(path)).text, path).not.toContain(post.id);
    expect(jsonLd((await get(`/live/${slug}`)).text), "JSON-LD").not.toContain(post.id);
    for (const path of [
      permalink,
      `${permalink}/history`,
      `${permalink}/card.png`,
      `/live/${slug}?tag=${tag}`,
      oembed(permalink),
      `/api/blogs/${slug}/posts/${post.id}`,
      `/api/blogs/${slug}/posts/${post.id}/history`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=0`);
    expect(JSON.stringify(changes.json)).toContain(`"event":"delete","data":{"id":"${post.id}"}`);
    // Nor does the database keep any of its words (a backup or restored copy would hold
    // them otherwise): not the source line, verification note, tags or earlier versions.
    const store = server.dispatch.newsroom.store;
    const stored = await store.findPostAnywhere(post.id);
    expect(stored?.deletedAt).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(await store.listPostVersions(blogId, post.id)).toEqual([]);
    // Nor any table at all (search indexes, tags, link cards…) but the newsroom's audit log.
    expect(await tablesHolding(secret)).toEqual(["audit_events"]);

    const replay = await connectSse(`${server.url}/api/blogs/${slug}/events`, {
      "last-event-id": "0",
    });
    try {
      await replay.waitForEvents(1, 20_000);
      await new Promise((done) => setTimeout(done, 500));
      const replayed = replay.events.map((e) => `${e.event} ${e.data}`).join("\n");
      expect(replayed).not.toContain(secret);
      expect(replayed).toContain(`delete {"id":"${post.id}"}`);
    } finally {
      replay.close();
    }
    expect([...purged]).toEqual(
      expect.arrayContaining([
        `/live/${slug}`,
        permalink,
        `${permalink}/history`,
        `/api/blogs/${slug}/posts/${post.id}`,
        `/api/blogs/${slug}/posts/${post.id}/history`,
        `/live/${slug}/embed`,
        `/live/${slug}/lite`,
        `/live/${slug}/amp`,
        `/live/${slug}/feed.atom`,
        `/live/${slug}/search`,
      ]),
    );
  };

  const expectAudited = async (postId: string, reason: string, secret: string) => {
    const audit = await server.api("GET", "/api/audit?action=post.takedown", { token: admin });
    expect(audit.status).toBe(200);
    const entry = audit.json.entries.find((e: { postId?: string }) => e.postId === postId);
    expect(entry, JSON.stringify(audit.json.entries)).toBeTruthy();
    expect(entry.detail.reason).toBe(reason);
    expect(Date.parse(entry.at)).toBeGreaterThan(0);
    expect(entry.actor.name).toBeTruthy();
    // The audit log keeps the title for the newsroom, never the body's words.
    expect(JSON.stringify(entry)).not.toContain(`Second ${secret} claim`);
  };

  /** The tables any of whose rows holds `text`, read over a connection of the test's own. */
  const tablesHolding = (text: string) => tablesIn(server, db?.url, text);

  beforeAll(async () => {
    db = await database();
    purgeHook = await startPurgeReceiver();
    server = await startTestServer({
      env: { PURGE_URL: purgeHook.url, PUBLIC_URL },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    editor = await server.tokenFor("editor");
    admin = await server.tokenFor("admin");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Unrest", language: "en-GB", timezone: zone },
    });
    expect(blog.status).toBe(201);
    blogId = (await server.dispatch.newsroom.store.findBlogBySlug(slug))?.id ?? "";
    expect(blogId).not.toBe("");
    // A neighbour, so the blog's pages and views stay up when the post leaves them.
    await publish({ title: "Curfew", blocks: [paragraph("A curfew from nine.")], keyEvent: true });
  });

  afterAll(async () => {
    await server?.close();
    await purgeHook?.close();
    await db?.drop();
  });

  it("takes a post and its history off every public surface, keeping the audit entry", async () => {
    const secret = "LIBELWORDS";
    const planted = await plant(secret);
    const reporter = await server.tokenFor("reporter");
    const byReporter = await server.api(
      "POST",
      `/api/blogs/${slug}/posts/${planted.post.id}/takedown`,
      { token: reporter, body: { reason: "no" } },
    );
    expect(byReporter.status).toBe(403);
    expect((await takedown(planted.post.id, {})).status).toBe(422);
    purgeHook.received.length = 0;
    expect((await takedown(planted.post.id)).status).toBe(204);
    await expectGone(secret, planted);
    await expectAudited(planted.post.id, "Court order 41/2026", secret);
  });

  it("takes down a post that was deleted first, erasing the words the delete left", async () => {
    const secret = "SLANDERWORDS";
    const planted = await plant(secret);
    const { post } = planted;
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
    });
    expect(deleted.status).toBe(204);
    // Deleted: off the public surfaces, its history too, but its words still stored.
    expect((await get(`${planted.permalink}/history`)).status).toBe(404);
    expect((await get(`/api/blogs/${slug}/posts/${post.id}/history`)).status).toBe(404);
    const kept = await server.dispatch.newsroom.store.findPostAnywhere(post.id);
    expect(JSON.stringify(kept)).toContain(secret);

    purgeHook.received.length = 0;
    const answer = await takedown(post.id, { reason: "Injunction 7/2026" });
    expect(answer.status, JSON.stringify(answer.json)).toBe(204);
    await expectGone(secret, planted);
    await expectAudited(post.id, "Injunction 7/2026", secret);
    // Taken down once is enough: a second one finds nothing.
    expect((await takedown(post.id)).status).toBe(404);
  });
});

/** The page's JSON-LD block. */
function jsonLd(page: string): string {
  const match = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(page);
  expect(match, "a JSON-LD block").toBeTruthy();
  return match?.[1] ?? "";
}
