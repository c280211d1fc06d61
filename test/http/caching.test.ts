// Cache-friendly reading: conditional requests answer 304, pages are rendered once per change,
// the polling fallback returns exactly the changes after `since`, and every change tells the
// CDN which paths to purge.

import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;
let purgeHook: PurgeReceiver;
const purged = () => purgeHook.received.flatMap((request) => request.paths);
const purgedTags = () => purgeHook.received.flatMap((request) => request.tags);

beforeAll(async () => {
  purgeHook = await startPurgeReceiver();
  // Behind a proxy on loopback (TRUST_PROXY) that names the origin readers asked for.
  server = await startTestServer({
    env: { PURGE_URL: purgeHook.url, TRUST_PROXY: "127.0.0.1" },
  });
  editor = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "cached", title: "Cached" },
  });
});
afterAll(async () => {
  await server.close();
  await purgeHook.close();
});

const get = (route: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${route}`, { headers });

describe("conditional requests", () => {
  it("answers the reader page with 304 until the blog changes", async () => {
    // A page gets its date once its latest change is 2 s old (see below).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const first = await get("/live/cached");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect(first.headers.get("cache-control")).toMatch(
      /public, max-age=\d+, stale-while-revalidate=\d+/,
    );
    expect(first.headers.get("last-modified")).toBeTruthy();
    expect((await get("/live/cached", { "if-none-match": etag })).status).toBe(304);
    expect(
      (await get("/live/cached", { "if-modified-since": first.headers.get("last-modified")! }))
        .status,
    ).toBe(304);

    const post = await server.api("POST", "/api/blogs/cached/posts", {
      token: editor,
      body: { blocks: [paragraph("fresh news")] },
    });
    const after = await get("/live/cached", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(await after.text()).toContain(`id="post-${post.json.id}"`);
  });

  it("dates the page by its latest change, the same on another node or after a restart", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "dated", title: "Dated" },
    });
    const post = await server.api("POST", "/api/blogs/dated/posts", {
      token: editor,
      body: { blocks: [paragraph("the latest change")] },
    });
    // Later readers on this node do not move the date; only a change does.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const here = (await get("/live/dated")).headers.get("last-modified");
    const listed = await get("/api/blogs").then((r) => r.json());
    const changedAt = listed.blogs.find((b: { slug: string }) => b.slug === "dated").lastChangeAt;
    expect(here).toBe(new Date(changedAt).toUTCString());
    expect(Date.parse(changedAt)).toBeGreaterThanOrEqual(Date.parse(post.json.publishedAt));

    const other = await startTestServer({ dataDir: server.dataDir });
    try {
      const there = await fetch(`${other.url}/live/dated`);
      expect(there.headers.get("last-modified")).toBe(here);
      const lists = await fetch(`${other.url}/api/blogs`).then((r) => r.json());
      const dated = lists.blogs.find((b: { slug: string }) => b.slug === "dated");
      expect(dated.lastChangeAt).toBe(changedAt);
    } finally {
      await other.close();
    }
  });

  it("gives no date to a page changed moments ago, so no date names two versions", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "split-second", title: "Split second" },
    });
    const lastChange = async () => {
      const { blogs } = await get("/api/blogs").then((r) => r.json());
      return Date.parse(
        blogs.find((b: { slug: string }) => b.slug === "split-second").lastChangeAt,
      );
    };
    const post = await server.api("POST", "/api/blogs/split-second/posts", {
      token: editor,
      body: { blocks: [paragraph("soon retracted")] },
    });
    const early = await get("/live/split-second");
    const answeredAt = Date.now();
    const changedAt = await lastChange();
    expect(await early.text()).toContain("soon retracted");
    if (answeredAt - changedAt < 2000) {
      expect(early.headers.get("last-modified")).toBeNull();
      expect(early.headers.get("etag")).toBeTruthy();
    }

    await server.api("DELETE", `/api/blogs/split-second/posts/${post.json.id}`, { token: editor });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const settled = await get("/live/split-second");
    const date = settled.headers.get("last-modified");
    expect(date).toBe(new Date(await lastChange()).toUTCString());
    expect(await settled.text()).not.toContain("soon retracted");
    // Revalidating by that date is safe now: it names only the version without the post.
    expect((await get("/live/split-second", { "if-modified-since": date! })).status).toBe(304);
  });

  it("serves each blog its own page, also when two blogs stand at the same sequence", async () => {
    const heads: string[] = [];
    for (const slug of ["twin-north", "twin-south"]) {
      await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: slug } });
      await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { blocks: [paragraph(`news from ${slug}`)] },
      });
    }
    for (const slug of ["twin-north", "twin-south", "twin-north", "twin-south"]) {
      const page = await (await get(`/live/${slug}`)).text();
      expect(page).toContain(`<title>${slug}</title>`);
      expect(page).toContain(`news from ${slug}`);
      heads.push(page.slice(0, 200));
    }
    expect(heads[0]).not.toBe(heads[1]);
  });

  it("answers a page it has ready exactly as it answered when rendering it", async () => {
    await server.api("POST", "/api/blogs/cached/posts", {
      token: editor,
      body: { blocks: [paragraph("same answer twice")] },
    });
    // Both answers come once the change is 2 s old, so both carry its date.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const headersOf = (response: Response) => {
      const kept = Object.fromEntries(response.headers);
      delete kept.date;
      return kept;
    };
    const rendered = await get("/live/cached");
    const ready = await get("/live/cached");
    expect(ready.status).toBe(200);
    expect(headersOf(ready)).toEqual(headersOf(rendered));
    expect(await ready.text()).toBe(await rendered.text());

    const etag = ready.headers.get("etag")!;
    const revalidated = await get("/live/cached", { "if-none-match": `"other", ${etag}` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(revalidated.headers.get("cache-control")).toBe(ready.headers.get("cache-control"));

    const head = await fetch(`${server.url}/live/cached`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(ready.headers.get("content-length"));
    expect(await head.text()).toBe("");
  });

  it("sends the page brotli'd or gzipped to browsers that accept it, and as is to others", async () => {
    const raw = (acceptEncoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
        http
          .get(`${server.url}/live/cached`, { headers, agent: false }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
            );
          })
          .on("error", reject);
      });
    for (let round = 0; round < 2; round++) {
      // The first round may render the page; the second finds it ready.
      const plain = await raw();
      const zipped = await raw("gzip, deflate");
      const brotli = await raw("gzip, deflate, br");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(brotli.headers["content-encoding"]).toBe("br");
      // No PUBLIC_URL here: links follow the origin a proxy names (see below).
      for (const answer of [plain, zipped, brotli])
        expect(answer.headers.vary).toBe("Accept-Encoding, X-Forwarded-Host, X-Forwarded-Proto");
      expect(zipped.headers.etag).toBe(plain.headers.etag);
      expect(brotli.headers.etag).toBe(plain.headers.etag);
      expect(Number(brotli.headers["content-length"])).toBe(brotli.body.length);
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(brotli.body.length).toBeLessThan(zipped.body.length);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect((await raw("gzip;q=0")).headers["content-encoding"]).toBeUndefined();
      expect((await raw("br;q=0.5, gzip")).headers["content-encoding"]).toBe("gzip");
    }
  });

  it("links a page to the origin a proxy says the reader used", async () => {
    await get("/live/cached");
    const viaProxy = await get("/live/cached", {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "news.example",
    });
    const html = await viaProxy.text();
    expect(html).toContain('href="https://news.example/live/cached"');
    expect(html).not.toContain("http://127.0.0.1");
    // So a shared cache keeps one copy per origin, never handing one origin's links to another.
    for (const answer of [viaProxy, await get("/live/cached")]) {
      expect(answer.headers.get("vary")).toBe(
        "Accept-Encoding, X-Forwarded-Host, X-Forwarded-Proto",
      );
    }
  });

  it("varies a page only by encoding when PUBLIC_URL fixes its links", async () => {
    const fixed = await startTestServer({ env: { PUBLIC_URL: "https://live.example" } });
    try {
      const token = await fixed.tokenFor("editor");
      await fixed.api("POST", "/api/blogs", { token, body: { slug: "fixed", title: "Fixed" } });
      for (let round = 0; round < 2; round++) {
        // The first may render the page; the second is answered from the cache.
        const page = await fetch(`${fixed.url}/live/fixed`, {
          headers: { "x-forwarded-host": "elsewhere.example", "x-forwarded-proto": "http" },
        });
        expect(page.headers.get("vary")).toBe("Accept-Encoding");
        const html = await page.text();
        expect(html).toContain('href="https://live.example/live/fixed"');
        expect(html).not.toContain("elsewhere.example");
      }
    } finally {
      await fixed.close();
    }
  });

  it("answers public post JSON with 304 by version, and not for the newsroom", async () => {
    const post = await server.api("POST", "/api/blogs/cached/posts", {
      token: editor,
      body: { blocks: [paragraph("v1")] },
    });
    const route = `/api/blogs/cached/posts/${post.json.id}`;
    const first = await get(route);
    expect(first.headers.get("cache-control")).toContain("public");
    expect((await get(route, { "if-none-match": first.headers.get("etag")! })).status).toBe(304);
    await server.api("PATCH", route, {
      token: editor,
      body: { version: 1, blocks: [paragraph("v2")] },
    });
    const edited = await get(route, { "if-none-match": first.headers.get("etag")! });
    expect(edited.status).toBe(200);
    expect((await edited.json()).html).toBe("<p>v2</p>");
    const newsroom = await get(route, { authorization: `Bearer ${editor}` });
    expect(newsroom.headers.get("cache-control")).toBe("private, no-cache");

    const list = await get("/api/blogs/cached/posts");
    expect(
      (await get("/api/blogs/cached/posts", { "if-none-match": list.headers.get("etag")! })).status,
    ).toBe(304);
  });
});

describe("the polling fallback", () => {
  it("returns exactly the changes after `since`, in order, each post as it stands now", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "polled", title: "Polled" },
    });
    const start = await (await get("/api/blogs/polled/changes")).json();
    expect(start.changes.map((c: { event: string }) => c.event)).toEqual(["blog"]);
    const since = start.last as number;
    const a = await server.api("POST", "/api/blogs/polled/posts", {
      token: editor,
      body: { blocks: [paragraph("a")] },
    });
    const before = await get(`/api/blogs/polled/changes?since=${since}`);
    expect((await before.json()).changes[0].data).toMatchObject({ html: "<p>a</p>" });
    await server.api("DELETE", `/api/blogs/polled/posts/${a.json.id}`, { token: editor });
    await server.api("PATCH", "/api/blogs/polled", { token: editor, body: { status: "closed" } });
    // A poller holding the answer from before the deletion is not told it is still good.
    const polled = await get(`/api/blogs/polled/changes?since=${since}`, {
      "if-none-match": before.headers.get("etag")!,
    });
    expect(polled.status).toBe(200);
    expect(polled.headers.get("cache-control")).toContain("public");
    const body = await polled.json();
    // The post's words left with it: the poll carries only its deletion.
    expect(body.changes.map((c: { seq: number; event: string }) => [c.seq, c.event])).toEqual([
      [since + 2, "delete"],
      [since + 3, "blog"],
    ]);
    expect(body.changes[0].data).toEqual({ id: a.json.id });
    expect(body.changes[1].data).toMatchObject({ status: "closed" });
    expect(body.last).toBe(since + 3);
    const caughtUp = await (await get(`/api/blogs/polled/changes?since=${since + 3}`)).json();
    expect(caughtUp).toEqual({ changes: [], last: since + 3, more: false });
    expect(
      (
        await get(`/api/blogs/polled/changes?since=${since}`, {
          "if-none-match": polled.headers.get("etag")!,
        })
      ).status,
    ).toBe(304);
    expect((await get("/api/blogs/polled/changes?since=-1")).status).toBe(422);
  });
});

describe("the purge hook", () => {
  it("names the post's paths when a post is deleted, and the blog's when it closes", async () => {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "purged", title: "Purged" },
    });
    const post = await server.api("POST", "/api/blogs/purged/posts", {
      token: editor,
      body: { blocks: [paragraph("retract me")] },
    });
    // Every public answer about the blog carries its tag; purging the tag drops them all,
    // older pages and polls included.
    const tag = (await get("/live/purged")).headers.get("surrogate-key");
    expect(tag).toMatch(/^blog-/);
    for (const route of [
      `/live/purged?before=${Buffer.from(`2099-01-01T00:00:00.000Z|${post.json.id}`).toString("base64url")}`,
      `/live/purged/posts/${post.json.id}`,
      "/api/blogs/purged/posts",
      `/api/blogs/purged/posts/${post.json.id}`,
      "/api/blogs/purged/changes?since=0",
    ]) {
      const answer = await get(route);
      expect([route, answer.headers.get("surrogate-key")]).toEqual([route, tag]);
      expect(answer.headers.get("cache-tag")).toBe(tag);
    }
    await new Promise((r) => setTimeout(r, 150));
    purgeHook.received.length = 0;
    await server.api("DELETE", `/api/blogs/purged/posts/${post.json.id}`, { token: editor });
    await expect
      .poll(() => purged())
      .toEqual(
        expect.arrayContaining([
          "/live/purged",
          `/live/purged/posts/${post.json.id}`,
          `/api/blogs/purged/posts/${post.json.id}`,
          "/api/blogs/purged/posts",
          // Polls replayed the post's words; the CDN must drop them too.
          "/api/blogs/purged/changes",
        ]),
      );
    expect(purgedTags()).toContain(tag);
    purgeHook.received.length = 0;
    await server.api("PATCH", "/api/blogs/purged", { token: editor, body: { status: "closed" } });
    await expect
      .poll(() => purged())
      .toEqual(expect.arrayContaining(["/live/purged", "/api/blogs/purged"]));
  });
});
