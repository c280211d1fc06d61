// The embed page and CORS over real HTTP: the embed's options (theme, accent, font, limit, key
// events, one post), its framable but otherwise strict policy, its cache (ETag/304 per
// options, a new page after a change); and which answers may be read from any origin: public
// reads, anonymous, yes; anything credentialed, and every newsroom route, never.

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READER_CSP } from "../../src/reader/page-answers.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;
let cookie: string;
const slug = "embed-http";
const ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.userFor("admin", "Ada Admin");
  editor = admin.token;
  cookie = (await server.signIn(admin.email, admin.password)).cookie;
  await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Embed HTTP" } });
  for (let i = 0; i < 5; i++) {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { blocks: [paragraph(`Update number ${i}`)], keyEvent: i === 1 || i === 3 },
    });
    ids.push(answer.json.id);
  }
}, 60_000);
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers, redirect: "manual" });

const articles = (page: string) =>
  [...page.matchAll(/<article id="post-([0-9a-z]+)"/g)].map((m) => m[1]);

describe("the embed page", () => {
  it("is compact, live and framable from any origin, under an otherwise strict policy", async () => {
    const answer = await get(`/live/${slug}/embed`);
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).not.toContain('class="masthead"');
    expect(page).not.toContain("application/ld+json");
    expect(page).toContain('data-embed="all"');
    expect(page).toMatch(/<script src="\/assets\/embed-frame\.js\?v=[^"]+" defer><\/script>/);
    const policy = answer.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors *");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(answer.headers.get("x-frame-options")).toBeNull();
    // Newest first, the default 20 (all five here).
    expect(articles(page)).toEqual([...ids].reverse());
    // The reader page keeps its own policy, with no framing allowance added.
    const reader = await get(`/live/${slug}`);
    expect(reader.headers.get("content-security-policy")).toBe(READER_CSP);
  });

  it("applies theme, accent and font as custom properties allowed by their hash", async () => {
    const answer = await get(`/live/${slug}/embed?theme=dark&accent=%23c00&font=Georgia,%20serif`);
    const page = await answer.text();
    expect(page).toContain('data-theme="dark"');
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? "";
    expect(style).toContain("--accent: #c00;");
    expect(style).toContain("--font: Georgia, serif;");
    const hash = createHash("sha256").update(style).digest("base64");
    expect(answer.headers.get("content-security-policy")).toContain(
      `style-src 'self' 'sha256-${hash}'`,
    );
  });

  it("ignores options that do not pass, and clamps the limit", async () => {
    const answer = await get(
      `/live/${slug}/embed?theme=neon&accent=red;background:url(x)&font=%3C/style%3E&limit=0`,
    );
    const page = await answer.text();
    expect(answer.status).toBe(200);
    expect(page).toContain('data-theme="auto"');
    expect(page).not.toContain("<style>");
    expect(page).not.toContain("url(x)");
    expect(answer.headers.get("content-security-policy")).toContain("style-src 'self';");
    expect(articles(page)).toHaveLength(1);
  });

  it("pages by `limit`, keeping the options in the link to older posts", async () => {
    const page = await (await get(`/live/${slug}/embed?limit=2&theme=light`)).text();
    expect(articles(page)).toEqual([ids[4], ids[3]]);
    const older = /<a class="older" target="_self" href="([^"]+)"/.exec(page)?.[1] ?? "";
    const url = new URL(older.replaceAll("&amp;", "&"), server.url);
    expect(url.pathname).toBe(`/live/${slug}/embed`);
    expect(url.searchParams.get("limit")).toBe("2");
    expect(url.searchParams.get("theme")).toBe("light");
    const next = await (await get(`${url.pathname}${url.search}`)).text();
    expect(articles(next)).toEqual([ids[2], ids[1]]);
    expect(next).toContain('data-page="older"');
  });

  it("shows key events only, or one post only", async () => {
    const key = await (await get(`/live/${slug}/embed?keyEvents=1`)).text();
    expect(articles(key)).toEqual([ids[3], ids[1]]);
    expect(key).toContain('data-embed="key"');
    const one = await (await get(`/live/${slug}/embed?post=${ids[2]}`)).text();
    expect(articles(one)).toEqual([ids[2]]);
    expect(one).toContain(`data-post="${ids[2]}"`);
    expect((await get(`/live/${slug}/embed?post=nope`)).status).toBe(404);
    expect((await get(`/live/${slug}/embed?post=%3Cx`)).status).toBe(404);
    expect((await get("/live/no-such-blog/embed")).status).toBe(404);
    expect((await get(`/live/${slug}/embed?before=broken`)).status).toBe(400);
  });

  it("is cached per options: 304 until the blog changes, and a deleted post leaves at once", async () => {
    const first = await get(`/live/${slug}/embed?limit=3`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toBeTruthy();
    const other = await get(`/live/${slug}/embed?limit=4`);
    expect(other.headers.get("etag")).not.toBe(etag);
    expect((await get(`/live/${slug}/embed?limit=3`, { "if-none-match": etag })).status).toBe(304);
    const doomed = ids[4] ?? "";
    await server.api("DELETE", `/api/blogs/${slug}/posts/${doomed}`, { token: editor });
    ids.pop();
    const after = await get(`/live/${slug}/embed?limit=3`, { "if-none-match": etag });
    expect(after.status).toBe(200);
    const page = await after.text();
    expect(page).not.toContain(`post-${doomed}`);
    expect(page).not.toContain("Update number 4");
  });
});

describe("CORS", () => {
  const ANY = "access-control-allow-origin";
  const shared = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await get(path, { origin: "https://partner.example", ...headers });
    await answer.body?.cancel();
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    return { status: answer.status, allow: answer.headers.get(ANY) };
  };
  const stream = { accept: "text/event-stream" };

  it("lets any origin read public reads, anonymously", async () => {
    const id = ids[0] ?? "";
    for (const path of [
      "/api/blogs",
      `/api/blogs/${slug}`,
      `/api/blogs/${slug}/posts?limit=2`,
      `/api/blogs/${slug}/posts?keyEvent=1`,
      `/api/blogs/${slug}/posts/${id}`,
      `/api/blogs/${slug}/changes?since=0`,
      `/live/${slug}`,
      // Again: now from the page cache, before the framework.
      `/live/${slug}`,
      `/live/${slug}/embed`,
      `/live/${slug}/posts/${id}`,
      "/embed.js",
      "/assets/embed.css",
    ]) {
      expect({ path, ...(await shared(path)) }).toEqual({ path, status: 200, allow: "*" });
    }
    // The event streams, taken at the connection's door.
    expect(await shared(`/api/blogs/${slug}/events`, stream)).toEqual({ status: 200, allow: "*" });
    expect(await shared(`/api/events?blogs=${slug}:0`, stream)).toEqual({
      status: 200,
      allow: "*",
    });
    // A missing blog is still a public read: its 404 may be read too.
    expect(await shared("/api/blogs/no-such-blog")).toEqual({ status: 404, allow: "*" });
    expect(await shared("/api/blogs/no-such-blog/events", stream)).toEqual({
      status: 404,
      allow: "*",
    });
  });

  it("never answers a credentialed request with CORS", async () => {
    const credentials: Record<string, string>[] = [
      { authorization: `Bearer ${editor}` },
      { cookie },
    ];
    for (const headers of credentials) {
      for (const path of [
        `/api/blogs/${slug}`,
        `/api/blogs/${slug}/posts`,
        `/api/blogs/${slug}/changes?since=0`,
        `/live/${slug}`,
        `/live/${slug}/embed`,
      ]) {
        expect({ path, ...(await shared(path, headers)) }).toEqual({
          path,
          status: 200,
          allow: null,
        });
      }
      expect(await shared(`/api/blogs/${slug}/events`, { ...stream, ...headers })).toEqual({
        status: 200,
        allow: null,
      });
    }
  });

  it("never answers a newsroom route with CORS, signed in or not", async () => {
    const askers: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${editor}` },
      { cookie },
    ];
    for (const headers of askers) {
      for (const path of [
        "/api/session",
        "/api/users",
        "/api/tokens",
        "/api/audit",
        "/api/media",
        "/api/contributors",
        `/api/blogs/${slug}/desk`,
        `/api/blogs/${slug}/readers`,
        `/api/blogs/${slug}/posts/search?q=update`,
        `/api/blogs/${slug}/posts?status=draft`,
        `/live/${slug}/posts/${ids[0]}/preview`,
        "/admin",
        "/metrics",
      ]) {
        const { allow } = await shared(path, headers);
        expect({ path, allow }).toEqual({ path, allow: null });
      }
      const desk = await shared(`/api/desk/events?blogs=${slug}:0`, { ...stream, ...headers });
      expect(desk.allow).toBeNull();
    }
    // Writes, even anonymous ones refused.
    const write = await fetch(`${server.url}/api/blogs`, {
      method: "POST",
      headers: { origin: "https://partner.example", "content-type": "application/json" },
      body: JSON.stringify({ slug: "nope", title: "Nope" }),
    });
    expect(write.headers.get(ANY)).toBeNull();
  });

  it("answers preflights for public reads only", async () => {
    const preflight = (path: string, method: string, requestHeaders?: string) =>
      fetch(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://partner.example",
          "access-control-request-method": method,
          ...(requestHeaders ? { "access-control-request-headers": requestHeaders } : {}),
        },
      });
    const events = await preflight(`/api/blogs/${slug}/events`, "GET", "last-event-id");
    expect(events.status).toBe(204);
    expect(events.headers.get(ANY)).toBe("*");
    expect(events.headers.get("access-control-allow-headers")).toContain("Last-Event-ID");
    expect(events.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    expect((await preflight(`/api/blogs/${slug}/posts`, "POST")).headers.get(ANY)).toBeNull();
    expect(
      (await preflight(`/api/blogs/${slug}`, "GET", "authorization")).headers.get(ANY),
    ).toBeNull();
    expect((await preflight("/api/users", "GET")).headers.get(ANY)).toBeNull();
    expect((await preflight(`/api/blogs/${slug}/desk`, "GET")).headers.get(ANY)).toBeNull();
  });
});
