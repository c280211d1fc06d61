// The HTTP API over a real port and a real SQLite file: the newsroom's whole flow, the error
// bodies, who may do what, idempotent publishing and edit conflicts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlogJson, ErrorJson, PostJson } from "../../src/http/schemas.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;
let reporter: string;
let otherReporter: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor", "Dana Editor");
  reporter = await server.tokenFor("reporter", "Rui Reporter");
  otherReporter = await server.tokenFor("reporter", "Other Reporter");
});
afterAll(() => server.close());

async function newBlog(slug: string) {
  const res = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: `Blog ${slug}` },
  });
  expect(res.status).toBe(201);
  return res.json;
}

describe("the newsroom's flow", () => {
  it("creates a blog, publishes, edits, pins, marks key events, deletes and closes", async () => {
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: {
        slug: "harbour-fire",
        title: "Harbour fire",
        summary: "Crews tackle a blaze at the old warehouse",
        intro: [paragraph("A fire broke out **overnight**.")],
        hero: {
          src: "https://cdn.example.org/fire.jpg",
          alt: "Smoke over the harbour",
          caption: "Smoke",
          credit: "Agency",
        },
        sourceNote: "The Desk, with agencies",
        language: "en-GB",
        timezone: "Europe/London",
      },
    });
    expect(created.status).toBe(201);
    expect(BlogJson.parse(created.json)).toMatchObject({
      slug: "harbour-fire",
      status: "live",
      timezone: "Europe/London",
    });
    expect(created.json).not.toHaveProperty("id");

    const published = await server.api("POST", "/api/blogs/harbour-fire/posts", {
      token: reporter,
      body: { title: "Crews arrive", blocks: [paragraph("Six engines at the **scene**")] },
    });
    expect(published.status).toBe(201);
    const post = PostJson.parse(published.json);
    expect(post).toMatchObject({
      title: "Crews arrive",
      status: "published",
      version: 1,
      pinned: false,
      keyEvent: false,
    });
    expect(post.author.name).toBe("Rui Reporter");
    expect(post.html).toBe("<p>Six engines at the <strong>scene</strong></p>");

    const edited = await server.api("PATCH", `/api/blogs/harbour-fire/posts/${post.id}`, {
      token: reporter,
      body: { version: 1, blocks: [paragraph("Eight engines at the scene")] },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      version: 2,
      html: "<p>Eight engines at the scene</p>",
      title: "Crews arrive",
    });

    const pinned = await server.api("PATCH", `/api/blogs/harbour-fire/posts/${post.id}`, {
      token: editor,
      headers: { "if-match": '"2"' },
      body: { pinned: true, keyEvent: true },
    });
    expect(pinned.status).toBe(200);
    expect(pinned.json).toMatchObject({ version: 3, pinned: true, keyEvent: true });

    const list = await server.api("GET", "/api/blogs/harbour-fire/posts");
    expect(list.status).toBe(200);
    expect(list.json.posts.map((p: { id: string }) => p.id)).toEqual([post.id]);

    const removed = await server.api("DELETE", `/api/blogs/harbour-fire/posts/${post.id}`, {
      token: editor,
    });
    expect(removed.status).toBe(204);
    expect((await server.api("GET", `/api/blogs/harbour-fire/posts/${post.id}`)).status).toBe(404);
    expect((await server.api("GET", "/api/blogs/harbour-fire/posts")).json.posts).toEqual([]);

    const closed = await server.api("PATCH", "/api/blogs/harbour-fire", {
      token: editor,
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe("closed");
    expect(Date.parse(closed.json.closedAt)).not.toBeNaN();
    const late = await server.api("POST", "/api/blogs/harbour-fire/posts", {
      token: editor,
      body: { blocks: [paragraph("late")] },
    });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("blog_closed");

    const reopened = await server.api("PATCH", "/api/blogs/harbour-fire", {
      token: editor,
      body: { status: "live" },
    });
    expect(reopened.json).toMatchObject({ status: "live" });
    expect(reopened.json).not.toHaveProperty("closedAt");
  });

  it("pages through posts newest first with a cursor", async () => {
    await newBlog("paging");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await server.api("POST", "/api/blogs/paging/posts", {
        token: editor,
        body: { blocks: [paragraph(`Update ${i}`)] },
      });
      ids.push(res.json.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await server.api(
        "GET",
        `/api/blogs/paging/posts?limit=3${cursor ? `&before=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.json.posts.map((p: { id: string }) => p.id));
      cursor = res.json.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("keeps drafts and scheduled posts from the public, and sends scheduled posts out on time", async () => {
    await newBlog("drafts");
    const draft = await server.api("POST", "/api/blogs/drafts/posts", {
      token: reporter,
      body: { status: "draft", blocks: [paragraph("not yet")] },
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ status: "draft", publishedAt: null });
    expect((await server.api("GET", `/api/blogs/drafts/posts/${draft.json.id}`)).status).toBe(404);
    expect(
      (await server.api("GET", `/api/blogs/drafts/posts/${draft.json.id}`, { token: editor }))
        .status,
    ).toBe(200);
    expect((await server.api("GET", "/api/blogs/drafts/posts?status=draft")).status).toBe(401);
    const drafts = await server.api("GET", "/api/blogs/drafts/posts?status=draft", {
      token: editor,
    });
    expect(drafts.json.posts).toHaveLength(1);

    const publishAt = new Date(Date.now() + 600).toISOString();
    const scheduled = await server.api("POST", "/api/blogs/drafts/posts", {
      token: editor,
      body: { status: "scheduled", publishAt, blocks: [paragraph("on the hour")] },
    });
    expect(scheduled.json).toMatchObject({ status: "scheduled", publishAt });
    expect((await server.api("GET", "/api/blogs/drafts/posts")).json.posts).toHaveLength(0);
    let posts: { id: string; publishedAt: string }[] = [];
    for (let i = 0; i < 50 && posts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      posts = (await server.api("GET", "/api/blogs/drafts/posts")).json.posts;
    }
    expect(posts.map((p) => p.id)).toEqual([scheduled.json.id]);
    expect(posts[0]?.publishedAt).toBe(publishAt);

    const past = await server.api("POST", "/api/blogs/drafts/posts", {
      token: editor,
      body: { status: "scheduled", publishAt: "2020-01-01T00:00:00Z", blocks: [paragraph("x")] },
    });
    expect(past.status).toBe(422);
    expect(past.json.error.field).toBe("publishAt");
  });
});

describe("errors", () => {
  it("answers bad input with a code, a message and the field at fault", async () => {
    await newBlog("errors");
    const bad = await server.api("POST", "/api/blogs/errors/posts", {
      token: editor,
      body: {
        blocks: [
          paragraph("ok"),
          paragraph("fine"),
          { type: "image", src: "ftp://x/y.jpg", alt: "a" },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(ErrorJson.parse(bad.json).error).toMatchObject({
      code: "validation_failed",
      field: "blocks[2].src",
    });
    expect(bad.json.error.message).toMatch(/https/);

    const script = await server.api("POST", "/api/blogs/errors/posts", {
      token: editor,
      body: { blocks: [paragraph("[click](javascript:alert(1))")] },
    });
    expect(script.json.error).toMatchObject({ code: "validation_failed", field: "blocks[0].text" });

    const invalidJson = await server.api("POST", "/api/blogs/errors/posts", {
      token: editor,
      body: "{not json",
    });
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.json.error.code).toBe("invalid_json");

    const wrongType = await server.api("POST", "/api/blogs/errors/posts", {
      token: editor,
      body: "<p>hi</p>",
      headers: { "content-type": "text/html" },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.error.code).toBe("unsupported_media_type");

    const huge = await server.api("POST", "/api/blogs/errors/posts", {
      token: editor,
      body: { blocks: [paragraph("x".repeat(2 * 1024 * 1024))] },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");

    const slug = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "Bad Slug", title: "x" },
    });
    expect(slug.json.error).toMatchObject({ code: "validation_failed", field: "slug" });
    const taken = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "errors", title: "x" },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: "slug_taken", field: "slug" });

    const zone = await server.api("PATCH", "/api/blogs/errors", {
      token: editor,
      body: { timezone: "Mars/Olympus" },
    });
    expect(zone.json.error).toMatchObject({ code: "validation_failed", field: "timezone" });

    expect((await server.api("GET", "/api/blogs/nope")).json.error.code).toBe("blog_not_found");
    expect((await server.api("GET", "/api/blogs/errors/posts/nope")).json.error.code).toBe(
      "post_not_found",
    );
    expect((await server.api("GET", "/api/blogs/errors/posts?limit=0")).json.error).toMatchObject({
      field: "limit",
    });
    expect((await server.api("GET", "/api/blogs/errors/posts?before=zzz")).status).toBe(422);
    expect((await server.api("GET", "/api/nothing-here")).json.error.code).toBe("not_found");
  });
});

describe("auth", () => {
  it("refuses writes without a valid token (401) and to roles that may not (403)", async () => {
    await newBlog("auth");
    const anonymous = await server.api("POST", "/api/blogs/auth/posts", {
      body: { blocks: [paragraph("x")] },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("unauthorized");
    const forged = await server.api("POST", "/api/blogs/auth/posts", {
      token: "dsp_forged",
      body: { blocks: [paragraph("x")] },
    });
    expect(forged.status).toBe(401);
    expect((await server.api("GET", "/api/blogs/auth")).status).toBe(200);

    const reporterBlog = await server.api("POST", "/api/blogs", {
      token: reporter,
      body: { slug: "mine", title: "x" },
    });
    expect(reporterBlog.status).toBe(403);
    expect(reporterBlog.json.error.code).toBe("forbidden");
    expect(
      (
        await server.api("PATCH", "/api/blogs/auth", {
          token: reporter,
          body: { status: "closed" },
        })
      ).status,
    ).toBe(403);
    const pin = await server.api("POST", "/api/blogs/auth/posts", {
      token: reporter,
      body: { pinned: true, blocks: [paragraph("x")] },
    });
    expect(pin.status).toBe(403);
    expect(pin.json.error.field).toBe("pinned");

    const own = await server.api("POST", "/api/blogs/auth/posts", {
      token: reporter,
      body: { blocks: [paragraph("mine")] },
    });
    const other = await server.api("PATCH", `/api/blogs/auth/posts/${own.json.id}`, {
      token: otherReporter,
      body: { version: 1, title: "hijacked" },
    });
    expect(other.status).toBe(403);
    expect(
      (await server.api("DELETE", `/api/blogs/auth/posts/${own.json.id}`, { token: otherReporter }))
        .status,
    ).toBe(403);
    expect((await server.api("GET", `/api/blogs/auth/posts/${own.json.id}`)).json.title).toBe("");
    expect(
      (await server.api("DELETE", `/api/blogs/auth/posts/${own.json.id}`, { token: reporter }))
        .status,
    ).toBe(204);
  });
});

describe("idempotency and conflicts", () => {
  it("returns the first post when a publish is retried with the same Idempotency-Key", async () => {
    await newBlog("idem");
    const body = { title: "Once", blocks: [paragraph("only once")] };
    const headers = { "idempotency-key": "field-retry-1" };
    const first = await server.api("POST", "/api/blogs/idem/posts", {
      token: reporter,
      body,
      headers,
    });
    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        server.api("POST", "/api/blogs/idem/posts", { token: reporter, body, headers }),
      ),
    );
    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.json.id).toBe(first.json.id);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
    }
    expect((await server.api("GET", "/api/blogs/idem/posts")).json.posts).toHaveLength(1);

    const misuse = await server.api("POST", "/api/blogs/idem/posts", {
      token: reporter,
      headers,
      body: { blocks: [paragraph("another")] },
    });
    expect(misuse.status).toBe(422);
    expect(misuse.json.error.code).toBe("idempotency_key_reused");
    // Keys belong to their user: another reporter's same key is a new post.
    const other = await server.api("POST", "/api/blogs/idem/posts", {
      token: otherReporter,
      headers,
      body,
    });
    expect(other.json.id).not.toBe(first.json.id);
  });

  it("answers a stale version with 409 version_conflict and the current post", async () => {
    await newBlog("conflict");
    const post = await server.api("POST", "/api/blogs/conflict/posts", {
      token: editor,
      body: { blocks: [paragraph("v1")] },
    });
    const first = await server.api("PATCH", `/api/blogs/conflict/posts/${post.json.id}`, {
      token: editor,
      body: { version: 1, blocks: [paragraph("first editor")] },
    });
    expect(first.status).toBe(200);
    const second = await server.api("PATCH", `/api/blogs/conflict/posts/${post.json.id}`, {
      token: editor,
      body: { version: 1, blocks: [paragraph("second editor")] },
    });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("version_conflict");
    expect(PostJson.parse(second.json.post)).toMatchObject({
      version: 2,
      html: "<p>first editor</p>",
    });
    const missing = await server.api("PATCH", `/api/blogs/conflict/posts/${post.json.id}`, {
      token: editor,
      body: { title: "x" },
    });
    expect(missing.json.error).toMatchObject({ code: "validation_failed", field: "version" });
    expect((await server.api("GET", `/api/blogs/conflict/posts/${post.json.id}`)).json.html).toBe(
      "<p>first editor</p>",
    );
  });
});

describe("health", () => {
  it("tells a load balancer the node is up, with its open streams", async () => {
    const health = await server.api("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: "ok", readers: expect.any(Number) });
    expect(health.headers.get("cache-control")).toBe("no-store");
  });
});

describe("OpenAPI", () => {
  it("documents every contract route", async () => {
    const doc = await server.api("GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe("3.1.0");
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        "/api/blogs",
        "/api/blogs/{slug}",
        "/api/blogs/{slug}/posts",
        "/api/blogs/{slug}/posts/{id}",
        "/api/blogs/{slug}/events",
        "/api/blogs/{slug}/changes",
        "/api/blogs/{slug}/posts/{id}/approve",
        "/api/blogs/{slug}/desk",
        "/api/media",
        "/api/session",
      ]),
    );
    const blockTypes = JSON.stringify(doc.json.components.schemas.PostCreate);
    for (const type of ["paragraph", "heading", "quote", "list", "image", "embed", "divider"])
      expect(blockTypes).toContain(type);
  });
});
