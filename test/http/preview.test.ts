// The newsroom's preview of a post as the reader page will show it, over real HTTP: only the
// newsroom gets it (the public gets the same 404 as for a missing post), it is private and
// no-store with no cache tag, says noindex, and never lands in the page cache or a CDN.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let purgeHook: PurgeReceiver;
let editor: string;
let cookie: string;

beforeAll(async () => {
  purgeHook = await startPurgeReceiver();
  server = await startTestServer({ env: { PURGE_URL: purgeHook.url } });
  const user = await server.userFor("editor");
  editor = user.token;
  cookie = (await server.signIn(user.email, user.password)).cookie;
  const made = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "preview", title: "Preview desk" },
  });
  expect(made.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await purgeHook?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

async function draft(text: string, status = "draft") {
  const post = await server.api("POST", "/api/blogs/preview/posts", {
    token: editor,
    body: {
      blocks: [paragraph(text)],
      status,
      ...(status === "scheduled" ? { publishAt: "2099-01-01T09:00:00Z" } : {}),
    },
  });
  expect(post.status).toBe(201);
  return post.json as { id: string; version: number };
}

function expectPrivate(response: Response) {
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  expect(response.headers.get("surrogate-key")).toBeNull();
  expect(response.headers.get("cache-tag")).toBeNull();
  expect(response.headers.get("etag")).toBeNull();
}

describe("previewing a post as the reader page", () => {
  it("shows a draft to the newsroom, marked noindex and never cacheable", async () => {
    const { id } = await draft("Embargoed: minister to resign at noon.");
    const newsroom: Record<string, string>[] = [{ cookie }, { authorization: `Bearer ${editor}` }];
    for (const headers of newsroom) {
      const page = await get(`/live/preview/posts/${id}/preview`, headers);
      expect(page.status).toBe(200);
      expectPrivate(page);
      expect(page.headers.get("x-robots-tag")).toContain("noindex");
      // Unpublished words: no other site may frame the page (and read it through a clickjack).
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
      const body = await page.text();
      expect(body).toContain("Embargoed: minister to resign at noon.");
      expect(body).toContain('<meta name="robots" content="noindex">');
      expect(body).toContain(`<article id="post-${id}"`);
      expect(body).toContain("Preview of a draft");
      expect(body).not.toContain('rel="canonical"');
    }
  });

  it("is a 404 for the public, like a missing post, and leaks nothing", async () => {
    const { id } = await draft("Embargoed: the second leak.");
    const scheduled = await draft("Embargoed: scheduled words.", "scheduled");
    for (const post of [id, scheduled.id]) {
      const preview = await get(`/live/preview/posts/${post}/preview`);
      expect(preview.status).toBe(404);
      expectPrivate(preview);
      expect(await preview.text()).not.toContain("Embargoed");
      // A stale or forged cookie is the public too.
      const forged = await get(`/live/preview/posts/${post}/preview`, {
        cookie: "dispatch_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      });
      expect(forged.status).toBe(404);
    }
    const missing = await get("/live/preview/posts/nosuchpost/preview", { cookie });
    expect(missing.status).toBe(404);
  });

  it("never fills the page cache nor names the CDN: the public still sees only what is out", async () => {
    const { id, version } = await draft("Embargoed: first wording.");
    purgeHook.received.length = 0;
    // The newsroom previews it (twice), then the public asks for the post's pages.
    await get(`/live/preview/posts/${id}/preview`, { cookie });
    await get(`/live/preview/posts/${id}/preview`, { cookie });
    const permalink = await get(`/live/preview/posts/${id}`);
    expect(permalink.status).toBe(404);
    expect(await permalink.text()).not.toContain("Embargoed");
    expect(await (await get("/live/preview")).text()).not.toContain("Embargoed");
    // The preview follows every edit at once: nothing of it was kept.
    const edited = await server.api("PATCH", `/api/blogs/preview/posts/${id}`, {
      token: editor,
      body: { blocks: [paragraph("Embargoed: second wording.")], version },
    });
    expect(edited.status).toBe(200);
    const again = await (await get(`/live/preview/posts/${id}/preview`, { cookie })).text();
    expect(again).toContain("second wording");
    expect(again).not.toContain("first wording");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const named = purgeHook.received.flatMap((request) => request.paths);
    expect(
      named.filter((path) => path.includes("/preview/posts/") && path.endsWith("/preview")),
    ).toEqual([]);
  });

  it("shows a published post too, with the public permalink unchanged", async () => {
    const out = await server.api("POST", "/api/blogs/preview/posts", {
      token: editor,
      body: { blocks: [paragraph("Bridge reopened.")] },
    });
    const preview = await get(`/live/preview/posts/${out.json.id}/preview`, { cookie });
    expect(preview.status).toBe(200);
    expectPrivate(preview);
    const permalink = await get(`/live/preview/posts/${out.json.id}`);
    expect(permalink.status).toBe(200);
    expect(permalink.headers.get("cache-control")).toContain("public");
    expect(await permalink.text()).toContain('rel="canonical"');
  });
});
