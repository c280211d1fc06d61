// Corrections in the open over real HTTP, on SQLite and PostgreSQL: an edit of a published
// post's words shows "Updated HH:MM ZONE" everywhere readers see the post (a pin does not), a
// correction note shows with its time and opens the post's public history (JSON and HTML).
// The legal takedown, off every public surface, is takedown.test.ts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
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
  let purgeHook: PurgeReceiver;
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
    purgeHook = await startPurgeReceiver();
    server = await startTestServer({
      env: { PURGE_URL: purgeHook.url, PUBLIC_URL: "https://news.example" },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    editor = await server.tokenFor("editor");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Quake", language: "en-GB", timezone: "Asia/Almaty" },
    });
    expect(blog.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await purgeHook?.close();
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
    for (const path of [
      `/live/${slug}`,
      `/live/${slug}/posts/${post.id}`,
      `/live/${slug}/embed`,
      `/live/${slug}/amp`,
    ]) {
      const { text } = await page(path);
      expect(text, path).toContain(marker);
      expect(text, path).toContain(`>${clock}</time>`);
    }
    const json = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`);
    expect(json.json.contentUpdatedAt).toBe(at);
    for (const format of ["atom", "rss", "json"]) {
      const feed = (await page(`/live/${slug}/feed.${format}`)).text;
      expect(feed, format).toContain("Updated");
      expect(feed, format).toContain(clock);
    }
    expect((await page(`/live/${slug}/lite`)).text).toContain(marker);
    // A pin after the edit keeps the edit's time.
    const unpinned = await edit(post.id, { pinned: false, version: edited.json.version });
    expect(unpinned.json.contentUpdatedAt).toBe(at);
  });

  it("shows a correction note and the post's public history, in JSON and HTML", async () => {
    const post = await publish({ title: "Toll", blocks: [paragraph("Twelve people were hurt.")] });
    const refused = await edit(post.id, {
      pinned: true,
      correction: "Nothing changed",
      version: post.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.field).toBe("correction");

    const corrected = await edit(post.id, {
      blocks: [paragraph("Twenty people were hurt.")],
      correction: "An earlier version gave the number <b>hurt</b> as twelve.",
      version: post.version,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json.correction.note).toBe(
      "An earlier version gave the number <b>hurt</b> as twelve.",
    );
    const at: string = corrected.json.correction.at;
    const escaped = "An earlier version gave the number &lt;b&gt;hurt&lt;/b&gt; as twelve.";
    for (const path of [
      `/live/${slug}`,
      `/live/${slug}/posts/${post.id}`,
      `/live/${slug}/embed`,
      `/live/${slug}/amp`,
      `/live/${slug}/lite`,
    ]) {
      const { text } = await page(path);
      expect(text, path).toContain(`Correction, <time datetime="${at}">`);
      expect(text, path).toContain(escaped);
      expect(text, path).not.toContain("<b>hurt</b>");
    }
    for (const format of ["atom", "rss", "json"]) {
      expect((await page(`/live/${slug}/feed.${format}`)).text, format).toContain("Correction");
    }
    // Search engines are told too: schema.org's correction, on the page and the permalink.
    for (const path of [`/live/${slug}`, `/live/${slug}/posts/${post.id}`]) {
      const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(
        (await page(path)).text,
      );
      expect(ld?.[1], path).toContain(
        `"correction":{"@type":"CorrectionComment","text":"An earlier version gave the number \\u003cb\\u003ehurt\\u003c/b\\u003e as twelve.","datePublished":"${at}"}`,
      );
    }

    const history = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.post.html).toContain("Twenty");
    expect(history.json.versions).toHaveLength(1);
    expect(history.json.versions[0].html).toContain("Twelve people");
    expect(history.json.versions[0].replacedAt).toBe(at);
    expect(history.json.versions[0].correction).toContain("as twelve");
    const htmlHistory = await page(`/live/${slug}/posts/${post.id}/history`);
    expect(htmlHistory.status).toBe(200);
    expect(htmlHistory.text).toContain("Twelve people were hurt.");
    expect(htmlHistory.text).toContain("Twenty people were hurt.");
    expect(htmlHistory.text).toContain(escaped);
    // Nothing inline runs: the one script is the reader's own, putting times in the reader's zone.
    expect(htmlHistory.text).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/live\.js)/);

    // The export document keeps the note and the time of the change (not the history).
    const admin = await server.tokenFor("admin");
    const exported = await server.api("GET", `/api/blogs/${slug}/export?media=link`, {
      token: admin,
    });
    expect(exported.status, JSON.stringify(exported.json)).toBe(200);
    const inExport = exported.json.posts.find((p: { id: string }) => p.id === post.id);
    expect(inExport.contentUpdatedAt).toBe(at);
    expect(inExport.correction.note).toContain("as twelve");

    // A draft has no public history.
    const draft = await publish({ status: "draft", blocks: [paragraph("Unsure yet")] });
    expect((await server.api("GET", `/api/blogs/${slug}/posts/${draft.id}/history`)).status).toBe(
      404,
    );
    expect((await page(`/live/${slug}/posts/${draft.id}/history`)).status).toBe(404);
  });

  it("corrects a post's source line, keeping the source it credited before", async () => {
    const post = await publish({
      blocks: [paragraph("Forty arrests overnight.")],
      source: { text: "via Reuters", url: "https://reuters.example/arrests" },
    });
    const corrected = await edit(post.id, {
      source: { text: "Interior ministry statement" },
      correction: "An earlier version credited this figure to Reuters.",
      version: post.version,
    });
    expect(corrected.status, JSON.stringify(corrected.json)).toBe(200);
    expect(corrected.json.contentUpdatedAt).toBe(corrected.json.correction.at);
    const history = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}/history`);
    expect(history.json.versions).toHaveLength(1);
    expect(history.json.versions[0].source).toEqual({
      text: "via Reuters",
      url: "https://reuters.example/arrests",
    });
    const htmlHistory = (await page(`/live/${slug}/posts/${post.id}/history`)).text;
    expect(htmlHistory).toContain('<a href="https://reuters.example/arrests">via Reuters</a>');
    expect(htmlHistory).toContain("Interior ministry statement");
    // A change of verification alone is not a correction of what the post says.
    const confirmed = await edit(post.id, {
      verification: { state: "confirmed" },
      version: corrected.json.version,
    });
    expect(confirmed.json.contentUpdatedAt).toBe(corrected.json.contentUpdatedAt);
  });

  it("keeps the history honest when a post is unpublished and published again", async () => {
    const history = async (id: string) =>
      (await server.api("GET", `/api/blogs/${slug}/posts/${id}/history`)).json;
    const post = await publish({ title: "Roads", blocks: [paragraph("Road A is shut.")] });
    const corrected = await edit(post.id, {
      blocks: [paragraph("Road B is shut.")],
      correction: "An earlier version named road A.",
      version: post.version,
    });
    expect(corrected.status).toBe(200);
    const withdrawn = await edit(post.id, { status: "draft", version: corrected.json.version });
    expect(withdrawn.status).toBe(200);
    expect((await server.api("GET", `/api/blogs/${slug}/posts/${post.id}/history`)).status).toBe(
      404,
    );
    // Rewritten while withdrawn, then published again: readers are told it changed, and its
    // history holds every version readers saw, the withdrawn words too.
    const rewritten = await edit(post.id, {
      blocks: [paragraph("Road C is shut.")],
      version: withdrawn.json.version,
    });
    const again = await edit(post.id, { status: "published", version: rewritten.json.version });
    expect(again.status).toBe(200);
    expect(again.json.contentUpdatedAt).toBe(again.json.publishedAt);
    const after = await history(post.id);
    expect(after.versions.map((v: { html: string }) => v.html)).toEqual([
      expect.stringContaining("Road B"),
      expect.stringContaining("Road A"),
    ]);
    expect(after.versions[0].replacedAt).toBe(withdrawn.json.updatedAt);
    const permalink = await page(`/live/${slug}/posts/${post.id}`);
    expect(permalink.text).toContain(`Updated <time datetime="${again.json.contentUpdatedAt}"`);

    // Withdrawn and published again unchanged: nothing changed for readers, nothing added.
    const quiet = await publish({ title: "Power", blocks: [paragraph("Power is out.")] });
    const held = await edit(quiet.id, { status: "draft", version: quiet.version });
    const back = await edit(quiet.id, { status: "published", version: held.json.version });
    expect(back.status).toBe(200);
    expect(back.json.contentUpdatedAt).toBeUndefined();
    expect((await history(quiet.id)).versions).toEqual([]);
    expect((await page(`/live/${slug}/posts/${quiet.id}`)).text).not.toContain("post-updated");

    // Withdrawn into the schedule with new words: the scheduler's publishing tells readers too.
    const publishAt = new Date(Date.now() + 800).toISOString();
    const rescheduled = await edit(quiet.id, {
      status: "scheduled",
      publishAt,
      blocks: [paragraph("Power is back.")],
      version: back.json.version,
    });
    expect(rescheduled.status).toBe(200);
    await expect
      .poll(async () => (await server.api("GET", `/api/blogs/${slug}/posts/${quiet.id}`)).status, {
        timeout: 10_000,
      })
      .toBe(200);
    const sent = await server.api("GET", `/api/blogs/${slug}/posts/${quiet.id}`);
    expect(sent.json.contentUpdatedAt).toBeTruthy();
    expect((await history(quiet.id)).versions[0].html).toContain("Power is out.");
  });
});
