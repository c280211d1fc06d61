// A continuing story, live, in Chromium: a reader still on yesterday's live blog sees the link
// to the blog that continues the story as soon as the newsroom names it, in the blog's
// language, and loses it when the newsroom takes it away; a blog named before it keeps its
// link throughout. No reload: the link follows the blog's event.

import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ar from "../../src/reader/i18n/messages/ar.json" with { type: "json" };
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { openLiveReader } from "./reader-support.js";

let server: TestServer;
let browser: Browser;
let editor: string;
const contexts: BrowserContext[] = [];
const patch = async (slug: string, body: unknown) => {
  const answer = await server.api("PATCH", `/api/blogs/${slug}`, { token: editor, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor");
  for (const [slug, language] of [
    ["vote-day-one", "en"],
    ["vote-day-two", "en"],
    ["vote-day-three", "en"],
    ["results-ar-one", "ar"],
  ]) {
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: `Vote ${slug}`, language },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe("a continuing story's links, live", () => {
  it("shows the next blog's link when the newsroom names it, and takes it away again", async () => {
    await patch("vote-day-two", { previousBlog: "vote-day-one" });
    const { page, errors } = await openLiveReader(browser, server.url, "vote-day-two", contexts);
    const next = page.locator("nav.story-links a.story-next");
    expect(await next.count()).toBe(0);

    await patch("vote-day-two", { nextBlog: "vote-day-three" });
    await next.waitFor({ timeout: 15_000 });
    expect(await next.getAttribute("href")).toBe("/live/vote-day-three");
    expect(await next.textContent()).toBe("This story continues in a new live blog");
    // The earlier blog's link stays where it was, and the order is the server's.
    expect(
      await page.locator("nav.story-links a").evaluateAll((links) => links.map((a) => a.className)),
    ).toEqual(["story-previous", "story-next"]);
    // The same markup a fresh load of the page gets.
    const served = await (await fetch(`${server.url}/live/vote-day-two`)).text();
    const nav = await page.locator("nav.story-links").evaluate((el) => el.outerHTML);
    expect(served).toContain(nav);

    await patch("vote-day-two", { nextBlog: null, previousBlog: null });
    await expect.poll(() => page.locator("nav.story-links").count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("adds the links where a blog had none, in the blog's language", async () => {
    const { page, errors } = await openLiveReader(browser, server.url, "results-ar-one", contexts);
    expect(await page.locator("nav.story-links").count()).toBe(0);
    await patch("results-ar-one", { nextBlog: "vote-day-three" });
    const next = page.locator("nav.story-links a.story-next");
    await next.waitFor({ timeout: 15_000 });
    expect(await next.textContent()).toBe(ar["story.next"]);
    const served = await (await fetch(`${server.url}/live/results-ar-one`)).text();
    const nav = await page.locator("nav.story-links").evaluate((el) => el.outerHTML);
    expect(served).toContain(nav);
    expect(errors).toEqual([]);
  }, 60_000);
});
