// Brotli for every reader-side answer that is compressed once: pages (the live page, older
// pages, a permalink and its version history, the key-events view, a day's archive, the search
// page, the embed, the lite page, AMP), feeds, every static asset the reader pages load, and
// the newsroom app's own scripts and styles. Over real HTTP:
// the brotli'd bytes decode to exactly the plain answer, gzip still goes to clients without
// brotli, the plain bytes to those accepting neither, `Vary: Accept-Encoding` always, and a
// conditional request is answered 304 in every coding. Pages keep one weak ETag for all
// codings (as they did for gzip); assets keep a strong ETag per coding.

import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEditorBuilt } from "../e2e/editor-support.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let postId: string;
let day: string;
const slug = "brotli-storm";

beforeAll(async () => {
  // The newsroom app's assets are served from its build.
  await ensureEditorBuilt();
  server = await startTestServer();
  const token = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", { token, body: { slug, title: "Storm" } });
  for (let i = 0; i < 5; i++) {
    const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: {
        blocks: [paragraph(`The sea wall at pier ${i} has been breached; crews are there.`)],
      },
    });
    postId = post.json.id;
    day = String(post.json.publishedAt).slice(0, 10);
  }
  const post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
  await server.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
    token,
    body: {
      version: post.json.version,
      blocks: [paragraph("The sea wall at pier 4 has held; crews are there.")],
      correction: "An earlier version said the wall was breached.",
    },
  });
}, 180_000);

afterAll(async () => server?.close());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function getRaw(route: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${route}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

const BROWSER = "gzip, deflate, br, zstd";

async function codings(route: string) {
  // Twice: the first round may render the page, the second finds it ready (the fast lane).
  await getRaw(route, { "accept-encoding": BROWSER });
  const [plain, gzip, br] = [
    await getRaw(route),
    await getRaw(route, { "accept-encoding": "gzip, deflate" }),
    await getRaw(route, { "accept-encoding": BROWSER }),
  ];
  for (const answer of [plain, gzip, br]) {
    expect(answer.status, route).toBe(200);
    expect(answer.headers.vary, route).toContain("Accept-Encoding");
  }
  expect(plain.headers["content-encoding"], route).toBeUndefined();
  expect(gzip.headers["content-encoding"], route).toBe("gzip");
  expect(br.headers["content-encoding"], route).toBe("br");
  expect(gunzipSync(gzip.body).equals(plain.body), route).toBe(true);
  expect(brotliDecompressSync(br.body).equals(plain.body), route).toBe(true);
  expect(br.body.length, route).toBeLessThan(plain.body.length);
  // A client without brotli that ranks it lower still gets gzip.
  const lower = await getRaw(route, { "accept-encoding": "br;q=0.1, gzip" });
  expect(lower.headers["content-encoding"], route).toBe("gzip");
  return { plain, gzip, br };
}

describe("brotli", () => {
  it("compresses every cached page and feed once, under one weak ETag, with 304s", async () => {
    const routes = [
      `/live/${slug}`,
      `/live/${slug}/posts/${postId}`,
      `/live/${slug}/posts/${postId}/history`,
      `/live/${slug}?keyEvents=1`,
      `/live/${slug}/${day}`,
      `/live/${slug}/embed`,
      `/live/${slug}/lite`,
      `/live/${slug}/amp`,
      `/live/${slug}/feed.atom`,
      `/live/${slug}/feed.rss`,
      `/live/${slug}/feed.json`,
      "/live/feed.atom",
    ];
    for (const route of routes) {
      const { plain, gzip, br } = await codings(route);
      const etag = br.headers.etag!;
      expect(etag, route).toMatch(/^W\//);
      expect(gzip.headers.etag, route).toBe(etag);
      expect(plain.headers.etag, route).toBe(etag);
      const again = await getRaw(route, { "accept-encoding": BROWSER, "if-none-match": etag });
      expect(again.status, route).toBe(304);
      expect(again.body.length, route).toBe(0);
    }
  });

  it("compresses a page made for one request (a search, the blog index) in the coding it takes", async () => {
    for (const route of [`/live/${slug}/search?q=crews`, "/live"]) {
      const { br } = await codings(route);
      expect(br.headers["cache-control"], route).toContain("max-age");
    }
  });

  it("serves the static assets brotli'd at their best, each coding under its own ETag", async () => {
    const page = (await getRaw(`/live/${slug}`)).body.toString("utf8");
    const script = /<script src="([^"]+)"/.exec(page)?.[1];
    const style = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1];
    expect(script).toMatch(/^\/assets\/live\.js\?v=/);
    const assets = [
      script!,
      style!,
      "/assets/embed-frame.js",
      "/assets/embed.css",
      "/embed.js",
      "/assets/blocks.js",
      "/assets/alerts.js",
      "/live/alerts-sw.js",
      "/assets/contribute.js",
      "/assets/comments.js",
    ];
    for (const route of assets) {
      const { plain, gzip, br } = await codings(route);
      const tags = new Set([plain.headers.etag, gzip.headers.etag, br.headers.etag]);
      expect(tags.size, route).toBe(3);
      expect(br.body.length, route).toBeLessThan(gzip.body.length);
      for (const etag of tags) {
        const again = await getRaw(route, { "accept-encoding": BROWSER, "if-none-match": etag! });
        expect(again.status, route).toBe(304);
      }
    }
  });

  it("serves the newsroom app's scripts and styles brotli'd too", async () => {
    const page = (await getRaw("/admin")).body.toString("utf8");
    const files = [...page.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+\.(?:js|css))"/g)];
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const [, route] of files) {
      const { br, gzip } = await codings(route!);
      expect(br.body.length, route).toBeLessThan(gzip.body.length);
    }
    const worker = await codings("/admin/sw.js");
    expect(worker.br.headers["cache-control"]).toBe("no-cache");
  });
});
