// Every shipped language over real HTTP on SQLite: a blog written in Arabic, Russian, French,
// Spanish or Ukrainian, with everything its interface labels (a pinned post, a key event, a
// correction, a source and verification, key figures, two days, older pages), read on each
// reader page, leaves no English word of the interface on the reader's screen.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tagSlug } from "../../src/core/tags.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { type BuiltCoverage, buildCoverage, englishLeft, NEWSROOMS } from "./coverage-in.js";

// Words a language shares with English's interface words, spelled the same: French says
// "Source", "Version", "Image", "Photo", "Message" and "Question" as English does, and "Comment"
// ("how") is its own word; Spanish "Editor".
const SHARED_WORDS: Record<string, readonly string[]> = {
  fr: [
    "source",
    "version",
    "versions",
    "image",
    "images",
    "vote",
    "votes",
    "message",
    "question",
    "comment",
    "photo",
  ],
  es: ["editor"],
};

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
    ]) {
      expect(live, marker).toContain(marker);
    }
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
    await check(`/live/${slug}/lite`);
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
});

describe("the check itself", () => {
  it("finds the English interface on an English blog's pages", async () => {
    const room = { ...NEWSROOMS.fr, language: "en-GB" } as (typeof NEWSROOMS)["fr"] & object;
    const built = await buildCoverage(server, room, "flood-en", 6);
    const left = englishLeft(await page(`/live/${built.slug}`));
    expect(left).toEqual(
      expect.arrayContaining(["Key events", "By the numbers", "Correction,", "Gallery,", "Load"]),
    );
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
