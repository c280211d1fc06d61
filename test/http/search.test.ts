// The desk's search over real HTTP against a real server and SQLite file: newsroom only,
// words in any case, author and status, a reporter's view, paging, bad input answered 400
// with the parameter at fault, and a deleted post never found.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let editor: TestUser;
let reporter: TestUser;
let colleague: TestUser;
const slug = `search-${process.pid}`;
const posts: Record<string, { id: string; version: number }> = {};

/** `null`: asked by the public, with no token. */
const search = (query: string, token: string | null = editor.token) =>
  server.api("GET", `/api/blogs/${slug}/posts/search${query}`, token ? { token } : {});
const titles = (answer: { json: { posts: { title: string }[] } }) =>
  answer.json.posts.map((p) => p.title);

async function publish(token: string, name: string, body: Record<string, unknown>) {
  const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { title: name, ...body },
  });
  expect(res.status).toBe(201);
  posts[name] = res.json;
}

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.userFor("editor", "Esther Editor");
  reporter = await server.userFor("reporter", "Rashid Reporter");
  colleague = await server.userFor("reporter", "Colm Colleague");
  const blog = await server.api("POST", "/api/blogs", {
    token: editor.token,
    body: { slug, title: "Harbour storm" },
  });
  expect(blog.status).toBe(201);
  await publish(editor.token, "Wall breached", {
    blocks: [paragraph("The HARBOUR wall gave way")],
  });
  await publish(reporter.token, "Ferry news", { blocks: [paragraph("Harbour ferry suspended")] });
  await publish(reporter.token, "Rashid draft", {
    blocks: [paragraph("Harbour notes")],
    status: "draft",
  });
  await publish(colleague.token, "Colm draft", {
    blocks: [paragraph("Harbour rumours")],
    status: "draft",
  });
  await publish(editor.token, "Tonight", {
    blocks: [paragraph("Harbour briefing at nine")],
    status: "scheduled",
    publishAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await publish(editor.token, "Retracted", { blocks: [paragraph("Harbour claim withdrawn")] });
  const gone = posts.Retracted;
  const removed = await server.api("DELETE", `/api/blogs/${slug}/posts/${gone?.id}`, {
    token: editor.token,
  });
  expect(removed.status).toBe(204);
});
afterAll(() => server.close());

describe("GET /api/blogs/:slug/posts/search", () => {
  it("is for the newsroom only: the public is asked to sign in", async () => {
    const answer = await search("?q=harbour", null);
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe("unauthorized");
  });

  it("finds every status by a word in any case, newest first, but never a deleted post", async () => {
    const answer = await search("?q=HARBOUR");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, no-cache");
    // The scheduled post is due in the future, so it sorts first.
    expect(titles(answer)).toEqual([
      "Tonight",
      "Colm draft",
      "Rashid draft",
      "Ferry news",
      "Wall breached",
    ]);
    expect((await search("?q=withdrawn")).json.posts).toEqual([]);
    const byTitle = await search("?q=breached");
    expect(byTitle.json.posts[0]).toMatchObject({
      id: posts["Wall breached"]?.id,
      author: { name: "Esther Editor" },
      status: "published",
    });
  });

  it("finds by author and status together", async () => {
    expect(titles(await search("?author=rashid"))).toEqual(["Rashid draft", "Ferry news"]);
    expect(titles(await search("?author=rashid&status=published"))).toEqual(["Ferry news"]);
    expect(titles(await search("?q=harbour&status=draft,scheduled"))).toEqual([
      "Tonight",
      "Colm draft",
      "Rashid draft",
    ]);
  });

  it("shows a reporter only their own drafts, and everyone's published and scheduled posts", async () => {
    expect(titles(await search("?q=harbour", reporter.token))).toEqual([
      "Tonight",
      "Rashid draft",
      "Ferry news",
      "Wall breached",
    ]);
  });

  it("pages with the cursor it hands out", async () => {
    const first = await search("?q=harbour&limit=2");
    expect(titles(first)).toEqual(["Tonight", "Colm draft"]);
    expect(first.json.next).toEqual(expect.any(String));
    const second = await search(`?q=harbour&limit=2&before=${first.json.next}`);
    expect(titles(second)).toEqual(["Rashid draft", "Ferry news"]);
    const third = await search(`?q=harbour&limit=2&before=${second.json.next}`);
    expect(titles(third)).toEqual(["Wall breached"]);
    expect(third.json.next).toBeUndefined();
  });

  it("answers bad input with 400, a stable code and the parameter at fault", async () => {
    const cases: [string, string][] = [
      ["?status=archived", "status"],
      ["?status=published,", "status"],
      ["?limit=0", "limit"],
      ["?limit=lots", "limit"],
      ["?before=not-a-cursor", "before"],
      [`?q=${"x".repeat(201)}`, "q"],
      ["?sort=oldest", "sort"],
      ["?status=draft&status=published", "status"],
    ];
    for (const [query, field] of cases) {
      const answer = await search(query);
      expect({ query, status: answer.status, code: answer.json.error?.code }).toEqual({
        query,
        status: 400,
        code: "invalid_query",
      });
      expect(answer.json.error.field).toBe(field);
    }
  });

  it("answers 404 for a blog that does not exist", async () => {
    const answer = await server.api("GET", "/api/blogs/no-such-blog/posts/search?q=x", {
      token: editor.token,
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("blog_not_found");
  });

  it("is in the OpenAPI document, its parameters from the schema that checks them", async () => {
    const doc = await server.api("GET", "/api/openapi.json");
    const route = doc.json.paths["/api/blogs/{slug}/posts/search"]?.get;
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual([
      "slug",
      "q",
      "author",
      "status",
      "limit",
      "before",
    ]);
    expect(Object.keys(route.responses)).toEqual(
      expect.arrayContaining(["200", "400", "401", "404"]),
    );
  });
});
