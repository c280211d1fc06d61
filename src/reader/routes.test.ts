import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Blog } from "../core/blog.js";
import { systemClock } from "../core/clock.js";
import type { Newsroom } from "../core/ports.js";
import { encodeCursor, type Post } from "../core/post.js";
import { InProcessBroadcaster } from "../realtime/in-process-broadcaster.js";
import { openStore } from "../store/index.js";
import { makeBlog, makePost } from "./fixtures.js";
import { blockWordsFor } from "./i18n/block-words.js";
import { READER_CSP } from "./page-answers.js";
import { registerReaderRoutes } from "./routes.js";

/** A real SQLite store in a temp dir holding these blogs and posts, each blog with a change logged. */
async function sqliteNewsroom(
  blogs: Blog[],
  posts: Post[],
): Promise<Newsroom & { cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-reader-"));
  const store = await openStore({ dataDir });
  await store.migrate();
  for (const blog of blogs) {
    await store.insertBlog(blog);
    await store.appendChange(blog.id, blog.createdAt, { kind: "blog", blog });
  }
  for (const post of posts) await store.insertPost(post);
  return {
    store,
    broadcaster: new InProcessBroadcaster(),
    clock: systemClock,
    blockWords: blockWordsFor,
    async cleanup() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const blog = makeBlog();
const posts = Array.from({ length: 55 }, (_, i) =>
  makePost({ publishedAt: new Date(Date.UTC(2026, 10, 25, 8, i)).toISOString() }),
);
const draft = makePost({ publishedAt: "2026-11-25T12:00:00.000Z", status: "draft" });

async function appWith(publicUrl?: string): Promise<FastifyInstance> {
  const app = Fastify();
  const newsroom = await sqliteNewsroom([blog], [...posts, draft]);
  app.addHook("onClose", () => newsroom.cleanup());
  await registerReaderRoutes(app, { newsroom, ...(publicUrl ? { publicUrl } : {}) });
  return app;
}

describe("reader routes", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(() => app.close());

  it("serves the live page as HTML under a strict CSP, briefly cacheable", async () => {
    const res = await app.inject({ url: "/live/storm-live", headers: { host: "news.test:8080" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toBe(READER_CSP);
    expect(READER_CSP).toContain("script-src 'self'");
    // The key-event alerts' service worker is the site's own script, and no other may run.
    expect(READER_CSP).toContain("worker-src 'self'");
    expect(READER_CSP).toContain("frame-src https://www.youtube-nocookie.com");
    expect(res.headers["cache-control"]).toBe("public, max-age=5, stale-while-revalidate=30");
    expect(res.body).toContain(
      '<link rel="canonical" href="http://news.test:8080/live/storm-live">',
    );
    expect(res.body).toContain('data-seq="1"');
    expect(res.body.match(/<article /g)).toHaveLength(50);
    const next = encodeCursor(posts[5]!);
    expect(res.body).toContain(`href="/live/storm-live?before=${next}"`);
  });

  it("serves the older page its link points to", async () => {
    const res = await app.inject(`/live/storm-live?before=${encodeCursor(posts[5]!)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<article /g)).toHaveLength(5);
    expect(res.body).not.toContain('class="older"');
  });

  it("uses PUBLIC_URL for absolute links when it is configured", async () => {
    const withPublicUrl = await appWith("https://live.example.com/");
    const res = await withPublicUrl.inject({
      url: "/live/storm-live",
      headers: { host: "internal:9000" },
    });
    expect(res.body).toContain(
      '<link rel="canonical" href="https://live.example.com/live/storm-live">',
    );
    await withPublicUrl.close();
  });

  it("answers an unknown or impossible blog with a friendly 404 page", async () => {
    for (const url of [
      "/live/no-such-blog",
      "/live/NOT_A_SLUG",
      "/live/no-such-blog/posts/p0001",
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.body).toContain("We can’t find that live blog");
    }
  });

  it("answers a broken older-updates link with a 400 page", async () => {
    for (const url of ["/live/storm-live?before=bm9wZQ", "/live/storm-live?before=a&before=b"]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain("That page link is broken");
    }
  });

  it("serves a published post's permalink page, and 404 for drafts and unknown posts", async () => {
    const post = posts[3]!;
    const res = await app.inject(`/live/storm-live/posts/${post.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<article id="post-${post.id}"`);
    for (const id of [draft.id, "zzzz", "../x"]) {
      const missing = await app.inject(`/live/storm-live/posts/${encodeURIComponent(id)}`);
      expect(missing.statusCode, id).toBe(404);
      expect(missing.body).toContain("We can’t find that update");
    }
  });

  it("lists the blogs at /live", async () => {
    const res = await app.inject("/live");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<a href="/live/storm-live" lang="en-GB">Storm Ada: live updates</a>',
    );
  });
});

describe("reader assets", () => {
  let app: FastifyInstance;
  let scriptUrl: string;
  beforeAll(async () => {
    app = await appWith();
    const page = await app.inject("/live/storm-live");
    scriptUrl = page.body.match(/<script src="([^"]+)"/)?.[1] ?? "";
  });
  afterAll(() => app.close());

  it("are linked by a hashed URL that may be cached for a year", async () => {
    expect(scriptUrl).toMatch(/^\/assets\/live\.js\?v=[\w-]{16}$/);
    const res = await app.inject(scriptUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.etag).toMatch(/^"[\w-]{16}"$/);
    expect(res.body).toContain("new EventSource(");
  });

  it("are cached only briefly under an unversioned or outdated URL", async () => {
    for (const url of ["/assets/live.css", "/assets/live.css?v=old"]) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
    }
  });

  it("answer 304 when the client already has them", async () => {
    const first = await app.inject(scriptUrl);
    const again = await app.inject({
      url: scriptUrl,
      headers: { "if-none-match": `W/${first.headers.etag}` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const changed = await app.inject({ url: scriptUrl, headers: { "if-none-match": '"other"' } });
    expect(changed.statusCode).toBe(200);
  });

  it("are sent gzipped to clients that accept it, with their own ETag", async () => {
    const plain = await app.inject(scriptUrl);
    const gzipped = await app.inject({
      url: scriptUrl,
      headers: { "accept-encoding": "br;q=0.5, gzip" },
    });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toBe("Accept-Encoding");
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
    const refused = await app.inject({
      url: scriptUrl,
      headers: { "accept-encoding": "gzip;q=0, *" },
    });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });
});
