// Every shipped language over real HTTP on SQLite: a blog written in Arabic, Russian, French,
// Spanish or Ukrainian, with everything its interface labels (a pinned post, a key event, a
// correction, a source and verification, key figures, two days, older pages), read on each
// reader page, leaves no English word of the interface on the reader's screen.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tagSlug } from "../../src/core/tags.js";
import { zoneName } from "../../src/core/zoned-time.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  type BuiltCoverage,
  buildCoverage,
  englishLeft,
  NEWSROOMS,
  SHARED_WORDS,
} from "./coverage-in.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const page = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
};

describe.each(Object.keys(NEWSROOMS))("a reader of a blog in %s", (key) => {
  const room = NEWSROOMS[key];
  if (!room) throw new Error(key);
  let built: BuiltCoverage;
  beforeAll(async () => {
    built = await buildCoverage(server, room, `flood-${key}`);
  }, 120_000);

  const check = async (path: string) => {
    const html = await page(path);
    expect(englishLeft(html, SHARED_WORDS[key]), path).toEqual([]);
    // Without JavaScript every time of day shown is the blog's, its zone named ("09:38 GMT+3").
    for (const [, at, shown] of html.matchAll(/<time datetime="([^"]*T[^"]*)"[^>]*>([^<]*)</g)) {
      const zone = zoneName(room, new Date(at ?? ""));
      expect(shown, `${path}: ${at}`).toContain(` ${zone}`);
    }
    return html;
  };

  it("reads the live page, its older page and its key events in the blog's language", async () => {
    const { slug } = built;
    const live = await check(`/live/${slug}`);
    // Everything the interface labels is on it, so each label was looked at.
    for (const marker of [
      'class="pager"',
      'class="ad-slot ',
      'class="day-divider"',
      'id="pinned" class="pinned"',
      'class="label label-key"',
      'class="post-correction"',
      'class="post-updated"',
      'class="verification-badge"',
      'class="post-source-label"',
      'id="figures"',
      'class="figure-history"',
      'id="reader-messages"',
      'class="post-tags"',
      'class="tag-list"',
      'class="gallery-prev"',
      'class="embed-load"',
      'class="embed embed-youtube"',
      'class="embed embed-telegram"',
      'class="share"',
      'id="share-template"',
      'class="poll-total"',
      'class="poll-status"',
      'class="poll-closes"',
      'class="alerts"',
      'class="blog-search"',
      'class="contribute"',
      'class="comment-form"',
      'class="comment-moderated"',
      'class="comment-report"',
      'class="comment-reply"',
    ]) {
      expect(live, marker).toContain(marker);
    }
    // The zone's place in the note is the language's name for it, never the zone's English one.
    const zoneNote = /<p class="times-zone">([^<]*)<\/p>/.exec(live)?.[1];
    expect(zoneNote).toBeTruthy();
    expect(zoneNote).not.toContain(room.timezone.split("/")[1]);
    const older = /<a class="older" rel="next" href="([^"]+)"/.exec(live)?.[1];
    expect(older).toBeTruthy();
    const olderPage = await check((older ?? "").replaceAll("&amp;", "&"));
    expect(olderPage).toContain('class="back-to-latest"');
    await check(`/live/${slug}?keyEvents=1`);
    const tagged = await check(`/live/${slug}?tag=${encodeURIComponent(tagSlug(room.searchWord))}`);
    expect(tagged).toContain('class="tagged-title"');
  });

  it("reads the lite page, the embed, the AMP page and a permalink in it", async () => {
    const { slug, corrected } = built;
    const lite = await check(`/live/${slug}/lite`);
    // Two bylines joined as the language joins names, as on the full page.
    const names = new Intl.ListFormat(room.language, { type: "conjunction" });
    expect(lite).toContain(` · ${names.format([room.writer, room.agency])}`);
    await check(`/live/${slug}/embed`);
    await check(`/live/${slug}/amp`);
    await check(`/live/${slug}/posts/${corrected}`);
  });

  it("reads the search page, a day's archive, a post's history and the figures page in it", async () => {
    const { slug, corrected, earlierDay } = built;
    const search = await check(`/live/${slug}/search?q=${encodeURIComponent(room.searchWord)}`);
    expect(search).toContain('class="search-result"');
    await check(`/live/${slug}/search`);
    await check(`/live/${slug}/search?q=${encodeURIComponent("ничегошеньки")}`);
    const day = await check(`/live/${slug}/${earlierDay}`);
    expect(day).toContain('class="day-title"');
    const history = await check(`/live/${slug}/posts/${corrected}/history`);
    expect(history).toContain('class="post-version"');
    const figures = await check(`/live/${slug}/figures`);
    expect(figures).toContain('class="figure-record"');
  });

  it("says an update is not there, or a page link is broken, in it", async () => {
    const { slug } = built;
    const answers: [string, number][] = [
      [`/live/${slug}/posts/zzzzzzzzzzzzzzzzz`, 404],
      [`/live/${slug}/posts/zzzzzzzzzzzzzzzzz/history`, 404],
      [`/live/${slug}?tag=${encodeURIComponent("nothing-tagged-so")}`, 404],
      [`/live/${slug}/2001-01-01`, 404],
      [`/live/${slug}?before=not-a-cursor`, 400],
      [`/live/${slug}/lite?before=not-a-cursor`, 400],
    ];
    for (const [path, status] of answers) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(status);
      const html = await response.text();
      expect(html, path).toContain(
        `<html lang="${room.language}" dir="${key === "ar" ? "rtl" : "ltr"}">`,
      );
      expect(englishLeft(html, SHARED_WORDS[key]), path).toEqual([]);
      // The way back is to the blog, in its language too.
      expect(html, path).toContain(`href="/live/${slug}"`);
    }
  });
});

describe("the check itself", () => {
  it("finds the English interface on an English blog's pages", async () => {
    const room = { ...NEWSROOMS.fr, language: "en-GB" } as (typeof NEWSROOMS)["fr"] & object;
    const built = await buildCoverage(server, room, "flood-en", 6);
    const left = englishLeft(await page(`/live/${built.slug}`));
    expect(left).toEqual(
      expect.arrayContaining(["Key events", "By the numbers", "Correction,", "Gallery,", "Load"]),
    );
    const missing = await fetch(`${server.url}/live/${built.slug}/posts/zzzzzzzzzzzzzzzzz`);
    expect(englishLeft(await missing.text())).toEqual(expect.arrayContaining(["update"]));
  }, 60_000);
});

describe("a blog whose language changes", () => {
  it("has its posts' gallery and embed words rendered again in the new language", async () => {
    const room = NEWSROOMS.ar;
    if (!room) throw new Error("ar");
    const built = await buildCoverage(server, { ...room, language: "en" }, "flood-moved", 3);
    const before = await page(`/live/${built.slug}`);
    expect(englishLeft(before)).toEqual(expect.arrayContaining(["Previous image", "Load"]));

    const editor = await server.userFor("editor");
    const changed = await server.api("PATCH", `/api/blogs/${built.slug}`, {
      token: editor.token,
      body: { language: "ar" },
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    for (const path of [
      `/live/${built.slug}`,
      `/live/${built.slug}/amp`,
      `/live/${built.slug}/embed`,
    ]) {
      const after = await page(path);
      expect(englishLeft(after), path).toEqual([]);
    }
    const after = await page(`/live/${built.slug}`);
    expect(after).toContain('aria-label="الصورة السابقة"');
    expect(after).toContain("تحميل فيديو YouTube من YouTube");
    // The stored HTML itself changed, so the feeds and the live events carry it too.
    const feed = await page(`/live/${built.slug}/feed.json`);
    expect(feed).toContain("الصورة السابقة");
    expect(feed).not.toContain("Previous image");
  }, 60_000);
});
