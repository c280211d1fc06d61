// Corrections in the open over real HTTP, on SQLite and PostgreSQL: an edit of a published
// post's words shows "Updated HH:MM ZONE" everywhere readers see the post (a pin does not), a
// correction note shows with its time and opens the post's public history (JSON and HTML).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const backends = [
  { name: "SQLite", database: async (): Promise<TestDatabase | undefined> => undefined },
  { name: "PostgreSQL", database: (): Promise<TestDatabase | undefined> => createTestDatabase() },
];

describe.each(backends)("corrections on $name", ({ database }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let editor: string;
  const slug = "quake";

  const page = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const publish = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status).toBe(201);
    return answer.json;
  };
  const edit = (id: string, body: Record<string, unknown>) =>
    server.api("PATCH", `/api/blogs/${slug}/posts/${id}`, { token: editor, body });

  beforeAll(async () => {
    db = await database();
    server = await startTestServer(db ? { databaseUrl: db.url } : {});
    editor = await server.tokenFor("editor");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Quake", language: "en-GB", timezone: "Asia/Almaty" },
    });
    expect(blog.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("marks a word edit as updated, in the blog's zone, and not a pin", async () => {
    const post = await publish({ title: "Tremor felt", blocks: [paragraph("A tremor at dawn.")] });
    const pinned = await edit(post.id, { pinned: true, version: post.version });
    expect(pinned.status).toBe(200);
    expect(pinned.json.contentUpdatedAt).toBeUndefined();
    expect((await page(`/live/${slug}/posts/${post.id}`)).text).not.toContain("post-updated");
    expect((await page(`/live/${slug}`)).text).not.toContain("post-updated");

    const edited = await edit(post.id, {
      blocks: [paragraph("A strong tremor at dawn.")],
      version: pinned.json.version,
    });
    expect(edited.status).toBe(200);
    const at: string = edited.json.contentUpdatedAt;
    expect(Date.parse(at)).toBeGreaterThan(0);
    expect(edited.json.correction).toBeUndefined();
    const clock = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      timeZone: "Asia/Almaty",
    }).format(new Date(at));
    expect(clock).toMatch(/\d\d:\d\d \S+/);
    const marker = `Updated <time datetime="${at}"`;
    for (const path of [`/live/${slug}`, `/live/${slug}/posts/${post.id}`, `/live/${slug}/embed`]) {
      const { text } = await page(path);
      expect(text, path).toContain(marker);
      expect(text, path).toContain(`>${clock}</time>`);
    }
    const json = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`);
    expect(json.json.contentUpdatedAt).toBe(at);
    const feed = await page(`/live/${slug}/feed.json`);
    expect(feed.text).toContain("Updated");
    // A pin after the edit keeps the edit's time.
    const unpinned = await edit(post.id, { pinned: false, version: edited.json.version });
    expect(unpinned.json.contentUpdatedAt).toBe(at);
  });
});
