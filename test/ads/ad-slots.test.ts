// Ad and promo slots on SQLite and PostgreSQL over real HTTP: the rule is checked field by field, carried in
// Blog JSON, and puts an empty labelled slot after every Nth update of the live page, between
// posts, in the blog's language; never on the lite page, AMP, the feeds or a post's own page.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

describe.each(["sqlite", "postgres"] as const)("ad slots on %s", (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  const slug = "harbour-storm-ads";
  const patch = (body: unknown) =>
    server.api("PATCH", `/api/blogs/${slug}`, { token: editor, body });
  const page = async (path: string) => {
    const answer = await fetch(`${server.url}${path}`);
    expect(answer.status, path).toBe(200);
    return answer.text();
  };
  let postIds: string[] = [];

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(database ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("editor");
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Harbour storm" },
    });
    expect(created.status).toBe(201);
    expect(created.json.adSlots).toBeNull();
    postIds = [];
    for (let i = 1; i <= 12; i++) {
      const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { title: `Update ${i}`, blocks: [paragraph(`The tide, hour ${i}.`)] },
      });
      expect(answer.status).toBe(201);
      postIds.push(answer.json.id);
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  describe("ad slots", () => {
    it("refuses a rule out of bounds, naming the field", async () => {
      const cases: [unknown, string][] = [
        [{ every: 1, height: 250 }, "adSlots.every"],
        [{ every: 51, height: 250 }, "adSlots.every"],
        [{ every: 2.5, height: 250 }, "adSlots.every"],
        [{ every: 5, height: 40 }, "adSlots.height"],
        [{ every: 5, height: 610 }, "adSlots.height"],
        [{ every: 5, height: 255 }, "adSlots.height"],
        [{ every: 5 }, "adSlots.height"],
        [{ every: 5, height: 250, style: "x" }, "adSlots.style"],
        ["every 5", "adSlots"],
      ];
      for (const [adSlots, field] of cases) {
        const answer = await patch({ adSlots });
        expect(answer.status, JSON.stringify(adSlots)).toBe(422);
        expect(answer.json.error.code).toBe("validation_failed");
        expect(answer.json.error.field, JSON.stringify(adSlots)).toBe(field);
      }
      expect((await server.api("GET", `/api/blogs/${slug}`)).json.adSlots).toBeNull();
      expect(await page(`/live/${slug}`)).not.toContain("ad-slot");
    });

    it("puts a reserved slot after every Nth update, between posts, and only on the live page", async () => {
      const set = await patch({ adSlots: { every: 5, height: 250 } });
      expect(set.status).toBe(200);
      expect(set.json.adSlots).toEqual({ every: 5, height: 250 });
      expect((await server.api("GET", `/api/blogs/${slug}`)).json.adSlots).toEqual({
        every: 5,
        height: 250,
      });

      const live = await page(`/live/${slug}`);
      expect(live).toContain(
        'data-ad-every="5" data-ad-height="250" data-ad-label="Advertisement"',
      );
      const slots = [
        ...live.matchAll(
          /<div class="ad-slot ad-h-250" data-slot="(\d+)" role="group" aria-label="Advertisement"><\/div>/g,
        ),
      ];
      expect(slots.map((m) => m[1])).toEqual(["1", "2"]);
      // Newest first: 12…8, a slot, 7…3, a slot, 2 and 1. None after the last post.
      const order = [...live.matchAll(/id="post-([^"]+)"|data-slot="(\d)"/g)].map((m) =>
        m[1] ? `p${postIds.indexOf(m[1]) + 1}` : `slot${m[2]}`,
      );
      expect(order).toEqual([
        "p12",
        "p11",
        "p10",
        "p9",
        "p8",
        "slot1",
        "p7",
        "p6",
        "p5",
        "p4",
        "p3",
        "slot2",
        "p2",
        "p1",
      ]);
      // No inline style: the height is reserved by the stylesheet.
      expect(live).not.toMatch(/class="ad-slot[^>]*style=/);

      for (const path of [
        `/live/${slug}/lite`,
        `/live/${slug}/amp`,
        `/live/${slug}/feed.atom`,
        `/live/${slug}/feed.rss`,
        `/live/${slug}/feed.json`,
        `/live/${slug}/posts/${postIds[7]}`,
      ]) {
        const body = await page(path);
        expect(body, path).toContain("Update 8");
        expect(body, path).not.toContain("ad-slot");
        expect(body, path).not.toContain("data-ad-");
      }
    });

    it("labels slots in the blog's language, and takes them away with null", async () => {
      expect((await patch({ language: "fr", adSlots: { every: 4, height: 600 } })).status).toBe(
        200,
      );
      const french = await page(`/live/${slug}`);
      expect(french.match(/class="ad-slot ad-h-600"/g)).toHaveLength(2);
      expect(french).toContain('aria-label="Publicité"');

      const cleared = await patch({ adSlots: null, language: "en" });
      expect(cleared.status).toBe(200);
      expect(cleared.json.adSlots).toBeNull();
      expect(await page(`/live/${slug}`)).not.toContain("ad-slot");
    });

    it("reserves every allowed height in the stylesheet", async () => {
      const live = await page(`/live/${slug}`);
      const href = live.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
      const css = (await page(href ?? "/missing")).replace(/\s/g, "");
      for (let height = 50; height <= 600; height += 10) {
        expect(css).toContain(`.ad-h-${height}{block-size:${height}px;}`);
      }
    });
  });
});
