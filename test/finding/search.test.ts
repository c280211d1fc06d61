// The readers' full-text search, on SQLite (FTS5) and PostgreSQL (tsvector): ranked results,
// matches marked and the post's own markup escaped, Arabic and Russian words found, drafts
// never, and a deleted or corrected word gone from the index with the write that removed it;
// more matches than a page holds are paged.
// The search page is a plain GET form: it works without JavaScript.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

describe.each(["sqlite", "postgres"] as const)("reader search on %s", (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  const slug = `quake-${backend}`;
  const post = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json as { id: string; version: number };
  };
  const search = async (q: string) => {
    const answer = await server.api("GET", `/api/blogs/${slug}/search?q=${encodeURIComponent(q)}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return answer.json as {
      words: string[];
      results: { post: { id: string }; snippetHtml: string }[];
    };
  };
  const page = async (q: string) => {
    const response = await fetch(`${server.url}/live/${slug}/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(database ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("editor");
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Earthquake", language: "en" },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("finds published posts, best match first, with matches marked and links to permalinks", async () => {
    const once = await post({ blocks: [paragraph("A bridge near the port is closed.")] });
    const thrice = await post({
      title: "Bridge collapse",
      blocks: [paragraph("The bridge fell. Rescuers at the bridge say more help is coming.")],
    });
    await post({ blocks: [paragraph("Nothing about crossings here.")] });
    await post({ status: "draft", blocks: [paragraph("Draft bridge notes, not for readers.")] });

    const found = await search("BRIDGE");
    expect(found.results.map((r) => r.post.id)).toEqual([thrice.id, once.id]);
    expect(found.results[0]?.snippetHtml).toContain("<mark>Bridge</mark> collapse");

    const html = await page("bridge");
    expect(html).toContain('<form class="blog-search" role="search" method="get"');
    expect(html).toContain(`href="/live/${slug}/posts/${thrice.id}"`);
    expect(html).toContain("<mark>bridge</mark>");
    expect(html.indexOf(thrice.id)).toBeLessThan(html.indexOf(once.id));
    expect(html).not.toContain("Draft bridge");
    // Every word must be there.
    expect((await search("bridge rescuers")).results.map((r) => r.post.id)).toEqual([thrice.id]);
    expect((await search("bridge unicorn")).results).toEqual([]);
  });

  it("escapes what a post says, never passing its markup through", async () => {
    const planted = await post({
      blocks: [paragraph('Witness wrote <img src=x onerror="alert(1)"> about the siren')],
    });
    const found = await search("siren");
    expect(found.results.map((r) => r.post.id)).toEqual([planted.id]);
    const html = await page("siren");
    expect(html).toContain(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; about the <mark>siren</mark>",
    );
    expect(html).not.toContain("<img src=x");
    // The query itself is shown escaped too.
    const asked = await page('<script>alert("q")</script>');
    expect(asked).not.toContain("<script>alert");
    expect(asked).toContain("&lt;script&gt;");
  });

  it("finds an Arabic and a Russian word", async () => {
    const arabic = await post({ blocks: [paragraph("وصل رجال الإنقاذ إلى المستشفى صباح اليوم")] });
    const russian = await post({ blocks: [paragraph("Спасатели прибыли в больницу утром")] });
    expect((await search("المستشفى")).results.map((r) => r.post.id)).toEqual([arabic.id]);
    expect((await search("больницу")).results.map((r) => r.post.id)).toEqual([russian.id]);
    expect((await search("СПАСАТЕЛИ")).results.map((r) => r.post.id)).toEqual([russian.id]);
    expect(await page("المستشفى")).toContain("<mark>المستشفى</mark>");
  });

  it("never finds a deleted post's words, nor the words an edit took out", async () => {
    const deleted = await post({ blocks: [paragraph("The governor resigned, sources say")] });
    expect((await search("governor")).results.map((r) => r.post.id)).toEqual([deleted.id]);
    const gone = await server.api("DELETE", `/api/blogs/${slug}/posts/${deleted.id}`, {
      token: editor,
    });
    expect(gone.status).toBe(204);
    expect((await search("governor")).results).toEqual([]);
    expect(await page("governor")).not.toContain("resigned");

    const edited = await post({ blocks: [paragraph("Casualties reported in Ashford")] });
    expect((await search("ashford")).results.map((r) => r.post.id)).toEqual([edited.id]);
    const patched = await server.api("PATCH", `/api/blogs/${slug}/posts/${edited.id}`, {
      token: editor,
      body: { version: edited.version, blocks: [paragraph("Casualties reported in Brookfield")] },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect((await search("ashford")).results).toEqual([]);
    expect((await search("brookfield")).results.map((r) => r.post.id)).toEqual([edited.id]);

    // Unpublished back to a draft: out of the readers' index too.
    const unpublished = await server.api("PATCH", `/api/blogs/${slug}/posts/${edited.id}`, {
      token: editor,
      body: { version: patched.json.version, status: "draft" },
    });
    expect(unpublished.status, JSON.stringify(unpublished.json)).toBe(200);
    expect((await search("brookfield")).results).toEqual([]);
  });

  it("pages past the first twenty matches, never claiming the first page is all", async () => {
    const made: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      made.push((await post({ blocks: [paragraph(`Ferry sailing number ${i} has left`)] })).id);
    }
    const first = (await server.api("GET", `/api/blogs/${slug}/search?q=ferry`)).json;
    expect(first.results).toHaveLength(20);
    expect(first.next).toBe(2);
    const second = (await server.api("GET", `/api/blogs/${slug}/search?q=ferry&page=2`)).json;
    expect(second.results).toHaveLength(3);
    expect(second.next).toBeUndefined();
    const ids = [...first.results, ...second.results].map(
      (r: { post: { id: string } }) => r.post.id,
    );
    expect(new Set(ids)).toEqual(new Set(made));

    const html = await page("ferry");
    expect(html.match(/<li class="search-result">/g)).toHaveLength(20);
    expect(html).not.toContain("20 updates found");
    expect(html).toContain("Best matches 1–20 for “ferry”.");
    expect(html).toContain(
      `<a class="more-results" rel="next" href="/live/${slug}/search?q=ferry&amp;page=2">`,
    );
    const next = await (await fetch(`${server.url}/live/${slug}/search?q=ferry&page=2`)).text();
    expect(next.match(/<li class="search-result">/g)).toHaveLength(3);
    expect(next).toContain("Best matches 21–23 for “ferry”.");
    expect(next).not.toContain("more-results");
    const bad = await server.api("GET", `/api/blogs/${slug}/search?q=ferry&page=0`);
    expect(bad.status).toBe(400);
  });

  it("answers an empty query with the form alone, and a bad one with an error", async () => {
    expect((await search("  !! ")).results).toEqual([]);
    expect(await page("")).toContain("Type the words to look for.");
    const long = await server.api("GET", `/api/blogs/${slug}/search?q=${"a".repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe("invalid_query");
    const missing = await server.api("GET", "/api/blogs/no-such-blog/search?q=x");
    expect(missing.status).toBe(404);
    expect((await fetch(`${server.url}/live/no-such-blog/search?q=x`)).status).toBe(404);
  });
});
