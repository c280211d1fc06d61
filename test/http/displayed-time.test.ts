// A post's displayed time over real HTTP: editors move it within the blog's coverage, the
// audit log keeps the old and new time, and every timeline (the API and its cursor pages, the
// reader page, the change log that live readers and replays follow) puts the post in its
// new place.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;
let editor: TestUser;
let reporter: TestUser;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.userFor("admin");
  editor = await server.userFor("editor", "Eli Editor");
  reporter = await server.userFor("reporter");
});
afterAll(() => server.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newBlog(): Promise<{ slug: string; createdAt: string }> {
  const slug = `timed-${++serial}-${process.pid}`;
  const res = await server.api("POST", "/api/blogs", {
    token: editor.token,
    body: { slug, title: "Timed" },
  });
  expect(res.status).toBe(201);
  return { slug, createdAt: res.json.createdAt };
}

async function publish(slug: string, text: string, token = editor.token) {
  await pause(30); // distinct publish times, with room before each to move a post into
  const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { blocks: [paragraph(text)] },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; version: number; publishedAt: string };
}

function retime(
  slug: string,
  post: { id: string; version: number },
  at: string,
  token = editor.token,
) {
  return server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
    token,
    body: { publishedAt: at, version: post.version },
  });
}

const between = (a: string, b: string) =>
  new Date((Date.parse(a) + Date.parse(b)) / 2).toISOString();

describe("moving a post's displayed time", () => {
  it("reorders the API, its cursor pages and the reader page, and is logged and broadcast", async () => {
    const { slug, createdAt } = await newBlog();
    const first = await publish(slug, "First report");
    const second = await publish(slug, "Second report");
    const late = await publish(slug, "Written offline before the first");
    const since = (await server.api("GET", `/api/blogs/${slug}/changes`)).json.last;
    const backdate = between(createdAt, first.publishedAt);

    const res = await retime(slug, late, backdate);
    expect(res.status).toBe(200);
    expect(res.json.publishedAt).toBe(backdate);

    const order = [second.id, first.id, late.id];
    const listed = await server.api("GET", `/api/blogs/${slug}/posts`);
    expect(listed.json.posts.map((p: { id: string }) => p.id)).toEqual(order);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await server.api(
        "GET",
        `/api/blogs/${slug}/posts?limit=1${cursor ? `&before=${cursor}` : ""}`,
      );
      paged.push(...page.json.posts.map((p: { id: string }) => p.id));
      cursor = page.json.next;
    } while (cursor && paged.length < 5);
    expect(paged).toEqual(order);

    const page = await (await fetch(`${server.url}/live/${slug}`)).text();
    const articles = [...page.matchAll(/<article id="post-([^"]+)"/g)].map((m) => m[1]);
    expect(articles).toEqual(order);
    expect(page).toContain(
      `<article id="post-${late.id}" class="post" data-published="${backdate}"`,
    );

    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=${since}`);
    expect(changes.json.changes).toMatchObject([
      { event: "post", data: { id: late.id, publishedAt: backdate } },
    ]);

    const log = await server.api("GET", "/api/audit?limit=50", { token: admin.token });
    const entry = log.json.entries.find((e: { postId?: string }) => e.postId === late.id);
    expect(entry).toMatchObject({
      action: "post.retime",
      actor: { id: editor.id, name: "Eli Editor" },
      detail: { publishedAt: { from: late.publishedAt, to: backdate } },
    });
  });

  it("sends a post moved back past the first page to the reader's older page", async () => {
    const { slug } = await newBlog();
    const oldest = await publish(slug, "Oldest report");
    for (let i = 0; i < 50; i++) {
      const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor.token,
        body: { blocks: [paragraph(`Update ${i}`)] },
      });
      expect(res.status).toBe(201);
    }
    const late = await publish(slug, "Arrived from the field");
    // Just before the oldest: off the first page (the 50 updates), to the end of the older one.
    const res = await retime(
      slug,
      late,
      new Date(Date.parse(oldest.publishedAt) - 1).toISOString(),
    );
    expect(res.status).toBe(200);

    const first = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(first).not.toContain(`id="post-${late.id}"`);
    const older = /<a class="older" rel="next" href="([^"]+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await (await fetch(`${server.url}${older!.replaceAll("&amp;", "&")}`)).text();
    const ids = [...second.matchAll(/<article id="post-([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([oldest.id, late.id]);
  });

  it("refuses a time before the blog began or in the future", async () => {
    const { slug, createdAt } = await newBlog();
    const post = await publish(slug, "An update");
    const early = await retime(slug, post, new Date(Date.parse(createdAt) - 60_000).toISOString());
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({
      code: "published_at_out_of_range",
      field: "publishedAt",
    });
    const future = await retime(slug, post, new Date(Date.now() + 3_600_000).toISOString());
    expect(future.status).toBe(422);
    expect(future.json.error.code).toBe("published_at_out_of_range");
    const garbled = await retime(slug, post, "yesterday afternoon");
    expect(garbled.status).toBe(422);
    expect(garbled.json.error).toMatchObject({ code: "validation_failed", field: "publishedAt" });
    const unchanged = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`);
    expect(unchanged.json).toMatchObject({ publishedAt: post.publishedAt, version: post.version });
  });

  it("keeps a closed blog's posts before it closed", async () => {
    const { slug } = await newBlog();
    const post = await publish(slug, "Last update");
    await pause(30);
    const closed = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor.token,
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    await pause(30);
    const afterClosing = await retime(slug, post, new Date().toISOString());
    expect(afterClosing.status).toBe(422);
    expect(afterClosing.json.error).toMatchObject({
      code: "published_at_out_of_range",
      field: "publishedAt",
    });
    const within = await retime(slug, post, between(post.publishedAt, closed.json.closedAt));
    expect(within.status).toBe(200);
  });

  it("is for editors: a reporter cannot move even their own post, nor anyone a draft", async () => {
    const { slug, createdAt } = await newBlog();
    const own = await publish(slug, "Reporter's update", reporter.token);
    const refused = await retime(slug, own, between(createdAt, own.publishedAt), reporter.token);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: "forbidden", field: "publishedAt" });

    const draft = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Not out yet")], status: "draft" },
    });
    const onDraft = await retime(slug, draft.json, createdAt);
    expect(onDraft.status).toBe(422);
    expect(onDraft.json.error).toMatchObject({ code: "validation_failed", field: "publishedAt" });
  });
});
