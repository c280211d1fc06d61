// Tags on posts, on SQLite and PostgreSQL: set and validated through the API, carried by the
// Post JSON, filtered by the public list (?tag=) and the reader's tagged view
// (/live/:slug?tag=kyiv, without JavaScript, its pages of older updates keeping the filter),
// listed with their counts, and left at once by a post whose tag is edited away or deleted.
// The search, key-events and day-archive parts of that area are search.test.ts and views.test.ts.

import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

describe.each(["sqlite", "postgres"] as const)(
  "Search, tags, key-events filter and day archives on SQLite and PostgreSQL: tags on %s",
  (backend) => {
    let server: TestServer;
    let database: TestDatabase | undefined;
    let editor: string;
    const slug = `war-${backend}`;
    const page = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, html: await response.text() };
    };
    const stream = (html: string) => html.slice(html.indexOf('<div id="updates">'));
    const publish = async (text: string, tags?: string[]) => {
      const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { blocks: [paragraph(text)], ...(tags ? { tags } : {}) },
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      return made.json as { id: string; version: number; tags: string[] };
    };
    const ids = async (query: string) => {
      const answer = await server.api("GET", `/api/blogs/${slug}/posts?${query}`);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      return (answer.json.posts as { id: string }[]).map((post) => post.id);
    };

    beforeAll(async () => {
      database = backend === "postgres" ? await createTestDatabase() : undefined;
      server = await startTestServer(database ? { databaseUrl: database.url } : {});
      editor = await server.tokenFor("editor");
      const created = await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug, title: "War in Ukraine" },
      });
      expect(created.status).toBe(201);
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("refuses tags that are too long, empty, doubled or too many, naming the one at fault", async () => {
      const cases: [unknown, string][] = [
        [["Kyiv", "Diplomacy", "Odesa", "x".repeat(41)], "tags[3]"],
        [["Kyiv", "   "], "tags[1]"],
        [["Kyiv", "KYIV "], "tags[1]"],
        [["!!!"], "tags[0]"],
        [Array.from({ length: 11 }, (_, i) => `Tag ${i}`), "tags"],
        ["Kyiv", "tags"],
      ];
      for (const [tags, field] of cases) {
        const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
          token: editor,
          body: { blocks: [paragraph("Refused")], tags },
        });
        expect(answer.status, JSON.stringify(tags)).toBe(422);
        expect(answer.json.error.code).toBe("validation_failed");
        expect(answer.json.error.field).toBe(field);
      }
      expect(await ids("tag=kyiv")).toEqual([]);
    });

    it("keeps each tag's words and case, trimmed, in the Post JSON and the public list", async () => {
      const kyiv = await publish("Air raid sirens in the capital", ["  Kyiv ", "Air defence"]);
      expect(kyiv.tags).toEqual(["Kyiv", "Air defence"]);
      const talks = await publish("Talks resume in Istanbul", ["Diplomacy"]);
      const arabic = await publish("بيان من الوزارة", ["الدبلوماسية", "Київ"]);
      expect((await server.api("GET", `/api/blogs/${slug}/posts/${kyiv.id}`)).json.tags).toEqual([
        "Kyiv",
        "Air defence",
      ]);
      expect(await ids("tag=kyiv")).toEqual([kyiv.id]);
      expect(await ids("tag=Air%20defence")).toEqual([kyiv.id]);
      expect(await ids("tag=air-defence")).toEqual([kyiv.id]);
      expect(await ids("tag=diplomacy")).toEqual([talks.id]);
      expect(await ids(`tag=${encodeURIComponent("київ")}`)).toEqual([arabic.id]);
      expect(await ids(`tag=${encodeURIComponent("الدبلوماسية")}`)).toEqual([arabic.id]);
      expect(await ids("tag=nowhere")).toEqual([]);
      const untagged = await publish("No tags here");
      expect(untagged.tags).toEqual([]);
    });

    it("names each post's tags in the feeds and as the keywords of its JSON-LD", async () => {
      const plain = await publish("Untagged power update");
      const post = await publish("Power restored in the east", ["Energy", "Київ"]);
      const feed = async (format: string) =>
        (await fetch(`${server.url}/live/${slug}/feed.${format}`)).text();
      const atom = parseAtomFeed(await feed("atom"));
      const entry = atom.entries?.find((e) => e.id?.endsWith(post.id));
      expect(entry?.categories?.map((c) => c.term)).toEqual(["Energy", "Київ"]);
      const rss = parseRssFeed(await feed("rss"));
      const item = rss.items?.find((i) => i.link?.endsWith(post.id));
      expect(item?.categories?.map((c) => c.name)).toEqual(["Energy", "Київ"]);
      const json = parseJsonFeed(await feed("json"));
      const jsonItem = json.items?.find((i) => i.url?.endsWith(post.id));
      expect(jsonItem?.tags).toEqual(["Energy", "Київ"]);
      const untagged = json.items?.find((i) => i.url?.endsWith(plain.id));
      expect(untagged).toBeDefined();
      expect(untagged?.tags).toBeUndefined();

      const permalink = await page(`/live/${slug}/posts/${post.id}`);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(permalink.html)?.[1];
      expect(JSON.parse(ld ?? "{}").keywords).toEqual(["Energy", "Київ"]);
      for (const id of [plain.id, post.id]) {
        const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${id}`, {
          token: editor,
        });
        expect(deleted.status).toBe(204);
      }
    });

    it("shows each post's tags as links, and the tagged view with its heading and way back", async () => {
      const live = await page(`/live/${slug}`);
      expect(live.html).toContain(`<a rel="tag" href="/live/${slug}?tag=kyiv">Kyiv</a>`);
      expect(live.html).toContain(
        `<a rel="tag" href="/live/${slug}?tag=${encodeURIComponent("київ")}">Київ</a>`,
      );
      // The blog's tags with their counts, without JavaScript.
      expect(live.html).toMatch(/<nav class="tag-list" aria-label="Browse by tag">/);
      expect(live.html).toMatch(/>Kyiv <span class="tag-count"[^>]*>\(1\)<\/span>/);

      const tagged = await page(`/live/${slug}?tag=kyiv`);
      expect(tagged.status).toBe(200);
      expect(stream(tagged.html)).toContain("Air raid sirens");
      expect(stream(tagged.html)).not.toContain("Talks resume");
      expect(tagged.html).toContain('<h2 class="tagged-title">Updates tagged Kyiv</h2>');
      expect(tagged.html).toContain(`<a href="/live/${slug}">All updates</a>`);
      expect(tagged.html).toContain("<title>War in Ukraine: updates tagged Kyiv</title>");
      expect(tagged.html).toContain(
        `<link rel="canonical" href="${server.url}/live/${slug}?tag=kyiv">`,
      );
      expect(tagged.html).toContain('data-view="tag"');
      expect(tagged.html).toContain('data-tag="kyiv"');

      // The lite and AMP pages name them too.
      for (const path of [`/live/${slug}/lite`, `/live/${slug}/amp`]) {
        expect((await page(path)).html, path).toContain(`href="/live/${slug}?tag=kyiv">Kyiv</a>`);
      }

      const cyrillic = await page(`/live/${slug}?tag=${encodeURIComponent("Київ")}`);
      expect(cyrillic.status).toBe(200);
      expect(stream(cyrillic.html)).toContain("بيان من الوزارة");
      expect((await page(`/live/${slug}?tag=nowhere`)).status).toBe(404);
    });

    it("keeps the tag on pages of older updates", async () => {
      const made: string[] = [];
      for (let i = 0; i < 53; i++)
        made.push((await publish(`Shelling report ${i}`, ["Shelling"])).id);
      await publish("Untagged between", []);
      const first = await page(`/live/${slug}?tag=shelling`);
      const next = /<a class="older" rel="next" href="([^"]+)">/.exec(first.html)?.[1];
      expect(next).toMatch(new RegExp(`^/live/${slug}\\?before=[^&]+&amp;tag=shelling$`));
      const second = await page((next ?? "").replaceAll("&amp;", "&"));
      expect(second.status).toBe(200);
      expect(stream(second.html)).toContain(`id="post-${made[0]}"`);
      expect(stream(second.html)).not.toContain("Untagged between");
      expect(stream(second.html)).not.toContain("Air raid sirens");
      const api = await server.api("GET", `/api/blogs/${slug}/posts?tag=shelling&limit=50`);
      expect(api.json.posts).toHaveLength(50);
      const rest = await ids(`tag=shelling&before=${encodeURIComponent(api.json.next)}`);
      expect(rest).toEqual([made[2], made[1], made[0]]);
    });

    it("moves an edited post to its new tag, and takes a deleted one off its tag and count", async () => {
      const post = await publish("Grain corridor talks", ["Diplomacy", "Odesa"]);
      expect(await ids("tag=odesa")).toEqual([post.id]);
      const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
        token: editor,
        body: { version: post.version, tags: ["Black Sea", "Diplomacy"] },
      });
      expect(edited.status, JSON.stringify(edited.json)).toBe(200);
      expect(edited.json.tags).toEqual(["Black Sea", "Diplomacy"]);
      expect(await ids("tag=odesa")).toEqual([]);
      expect(await ids("tag=black-sea")).toEqual([post.id]);
      expect((await page(`/live/${slug}?tag=odesa`)).status).toBe(404);
      expect(stream((await page(`/live/${slug}?tag=black-sea`)).html)).toContain("Grain corridor");
      expect((await page(`/live/${slug}`)).html).toMatch(
        />Diplomacy <span class="tag-count"[^>]*>\(2\)/,
      );

      // The edit is a change readers' pages are told of, with the new tags.
      const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=0`);
      expect(JSON.stringify(changes.json)).toContain(`"tags":["Black Sea","Diplomacy"]`);

      const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, {
        token: editor,
      });
      expect(deleted.status).toBe(204);
      expect(await ids("tag=black-sea")).toEqual([]);
      expect((await page(`/live/${slug}?tag=black-sea`)).status).toBe(404);
      const live = await page(`/live/${slug}`);
      expect(live.html).not.toContain(">Black Sea <span");
      expect(live.html).toMatch(/>Diplomacy <span class="tag-count"[^>]*>\(1\)/);
      const listed = await server.api("GET", `/api/blogs/${slug}/tags`);
      expect(listed.status).toBe(200);
      const counts = Object.fromEntries(
        (listed.json.tags as { slug: string; posts: number }[]).map((t) => [t.slug, t.posts]),
      );
      expect(counts["black-sea"]).toBeUndefined();
      expect(counts.diplomacy).toBe(1);
      expect(listed.json.tags[0]).toEqual({ tag: "Shelling", slug: "shelling", posts: 53 });
    });

    it("keeps a draft's tags out of readers' lists until it is published", async () => {
      const draft = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { blocks: [paragraph("Embargoed")], tags: ["Embargo"], status: "draft" },
      });
      expect(draft.status).toBe(201);
      expect(draft.json.tags).toEqual(["Embargo"]);
      expect(await ids("tag=embargo")).toEqual([]);
      const published = await server.api("PATCH", `/api/blogs/${slug}/posts/${draft.json.id}`, {
        token: editor,
        body: { version: draft.json.version, status: "published" },
      });
      expect(published.status).toBe(200);
      expect(await ids("tag=embargo")).toEqual([draft.json.id]);
    });
  },
);
