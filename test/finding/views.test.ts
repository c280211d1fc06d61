// The reader's views for coverage that spans days, on SQLite and PostgreSQL: a day's archive
// (/live/:slug/2022-01-07, the day in the blog's zone, linked from the day dividers, 404 for
// a day without posts or a date that is none, re-rendered after a change, a long day paged
// within itself), and the key-events view (/live/:slug?keyEvents=1) with its toggle on the
// page. No JavaScript involved.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

describe.each(["sqlite", "postgres"] as const)("day archives and key events on %s", (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  const slug = `storm-${backend}`;
  const ids: Record<string, string> = {};
  const page = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, html: await response.text() };
  };
  /** A post shown at `at`: published now, then moved to its displayed time. */
  const postAt = async (name: string, at: string, extra: Record<string, unknown> = {}) => {
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { blocks: [paragraph(`Report ${name}`)], ...extra },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const moved = await server.api("PATCH", `/api/blogs/${slug}/posts/${made.json.id}`, {
      token: editor,
      body: { version: made.json.version, publishedAt: at },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    ids[name] = made.json.id;
  };

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(database ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("editor");
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Winter storm", timezone: "America/New_York", language: "en-US" },
    });
    expect(created.status).toBe(201);
    // The coverage began long ago, so posts may be shown on days in 2022.
    const { store } = server.dispatch.newsroom;
    const blog = await store.findBlogBySlug(slug);
    if (!blog) throw new Error("no blog");
    await store.updateBlog({ ...blog, createdAt: "2022-01-01T00:00:00.000Z" });
    // New York is UTC-5 in January: 04:30Z on the 7th is still the 6th there.
    await postAt("alpha", "2022-01-07T04:30:00.000Z");
    await postAt("bravo", "2022-01-07T05:30:00.000Z");
    await postAt("charlie", "2022-01-08T04:59:00.000Z", { keyEvent: true });
    await postAt("delta", "2022-01-09T15:00:00.000Z");
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("archives each day as the blog's zone counts it, linked from the day dividers", async () => {
    const live = await page(`/live/${slug}`);
    expect(live.html).toMatch(
      new RegExp(
        `<h2 class="day-divider" data-day="2022-01-07"><a href="/live/${slug}/2022-01-07">`,
      ),
    );
    const seventh = await page(`/live/${slug}/2022-01-07`);
    expect(seventh.status).toBe(200);
    expect(seventh.html).toContain(`id="post-${ids.bravo}"`);
    expect(seventh.html).toContain(`id="post-${ids.charlie}"`);
    expect(seventh.html).not.toContain(`id="post-${ids.alpha}"`);
    expect(seventh.html).not.toContain(`id="post-${ids.delta}"`);
    expect(seventh.html).toContain("<title>Winter storm: Friday, January 7</title>");
    expect(seventh.html).toContain(
      `<link rel="canonical" href="${server.url}/live/${slug}/2022-01-07">`,
    );
    expect(seventh.html.indexOf(ids.charlie ?? "")).toBeLessThan(
      seventh.html.indexOf(ids.bravo ?? ""),
    );
    const sixth = await page(`/live/${slug}/2022-01-06`);
    expect(sixth.status).toBe(200);
    expect(sixth.html).toContain(`id="post-${ids.alpha}"`);
    expect(sixth.html).not.toContain(`id="post-${ids.bravo}"`);
  });

  it("answers 404 for a day without posts, a date that is none, and a blog that is none", async () => {
    for (const path of [
      `/live/${slug}/2022-01-05`,
      `/live/${slug}/2022-02-31`,
      `/live/${slug}/yesterday`,
      "/live/no-such-storm/2022-01-07",
    ]) {
      const answer = await page(path);
      expect(answer.status, path).toBe(404);
      expect(answer.html).toContain("<h1>");
    }
  });

  it("takes a deleted post off its day's page at once", async () => {
    const before = await page(`/live/${slug}/2022-01-09`);
    expect(before.html).toContain("Report delta");
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${ids.delta}`, {
      token: editor,
    });
    expect(deleted.status).toBe(204);
    expect((await page(`/live/${slug}/2022-01-09`)).status).toBe(404);
  });

  it("pages a long day within that day", async () => {
    const day = "2022-01-10";
    for (let i = 0; i < 51; i += 1) {
      const minute = String(i).padStart(2, "0");
      await postAt(`long-${minute}`, `${day}T16:${minute}:00.000Z`);
    }
    const first = await page(`/live/${slug}/${day}`);
    expect(first.status).toBe(200);
    expect(first.html.match(/<article id="post-/g)).toHaveLength(50);
    expect(first.html).toContain(`id="post-${ids["long-50"]}"`);
    expect(first.html).not.toContain(`id="post-${ids["long-00"]}"`);
    const older = first.html.match(/<a class="older" rel="next" href="([^"]+)"/)?.[1];
    expect(older).toMatch(new RegExp(`^/live/${slug}/${day}\\?before=`));
    const second = await page((older ?? "").replaceAll("&amp;", "&"));
    expect(second.status).toBe(200);
    // The day's first post, and nothing of the days before.
    expect(second.html.match(/<article id="post-/g)).toHaveLength(1);
    expect(second.html).toContain(`id="post-${ids["long-00"]}"`);
    expect(second.html).not.toContain(`id="post-${ids.charlie}"`);
    expect(second.html).not.toContain('class="older"');
  });

  it("shows key events only, with a toggle both ways", async () => {
    const live = await page(`/live/${slug}`);
    expect(live.html).toContain(
      `<p class="view-toggle"><a href="/live/${slug}?keyEvents=1">Show key events only</a></p>`,
    );
    const keys = await page(`/live/${slug}?keyEvents=1`);
    expect(keys.status).toBe(200);
    const stream = keys.html.slice(keys.html.indexOf('<div id="updates">'));
    expect(stream).toContain(`id="post-${ids.charlie}"`);
    expect(stream).not.toContain(`id="post-${ids.bravo}"`);
    expect(stream).not.toContain(`id="post-${ids.alpha}"`);
    expect(keys.html).toContain(`<a href="/live/${slug}">Show all updates</a>`);
    expect(keys.html).toContain('data-view="key"');
    const api = await server.api("GET", `/api/blogs/${slug}/posts?keyEvent=1`);
    expect(api.json.posts.map((p: { id: string }) => p.id)).toEqual([ids.charlie]);
  });
});
