// The embed page's live options in Chromium: key events only (a post made a key event
// appears, one unmade leaves) and one post only (its edits and deletion follow).

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { type BlogWriter, blogWriter } from "./embed-support.js";

let server: TestServer;
let browser: Browser;
let editor: string;
let writer: BlogWriter;
const WAIT = { timeout: 20_000 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
  writer = blogWriter(server, editor);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the embed's live options", () => {
  async function openEmbed(query: string, slug: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
    await page.goto(`${server.url}/live/${slug}/embed${query}`);
    await page.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      undefined,
      WAIT,
    );
    return page;
  }
  const shownIds = (page: Page) =>
    page.evaluate(() => [...document.querySelectorAll("#updates article")].map((a) => a.id));
  const setKeyEvent = async (slug: string, id: string, keyEvent: boolean) => {
    const current = await server.api("GET", `/api/blogs/${slug}/posts/${id}`);
    const answer = await server.api("PATCH", `/api/blogs/${slug}/posts/${id}`, {
      token: editor,
      body: { keyEvent, version: current.json.version },
    });
    expect(answer.status).toBe(200);
  };

  it("keyEvents=1: a post made a key event appears, one unmade leaves, others never show", async () => {
    const slug = "embed-keys";
    const [plain, key] = await writer.newBlog(slug, ["An ordinary update.", "A turning point."]);
    await setKeyEvent(slug, key ?? "", true);
    const page = await openEmbed("?keyEvents=1", slug);
    expect(await shownIds(page)).toEqual([`post-${key}`]);
    await writer.publish(slug, "Another ordinary update.");
    await setKeyEvent(slug, plain ?? "", true);
    await expect.poll(() => shownIds(page), WAIT).toEqual([`post-${key}`, `post-${plain}`]);
    await setKeyEvent(slug, key ?? "", false);
    await expect.poll(() => shownIds(page), WAIT).toEqual([`post-${plain}`]);
    expect(await page.evaluate(() => document.body.textContent)).not.toContain("Another ordinary");
    await page.close();
  });

  it("post=ID: that post only, its edits and its deletion", async () => {
    const slug = "embed-one";
    const [first, second] = await writer.newBlog(slug, ["First words.", "Second words."]);
    const page = await openEmbed(`?post=${first}`, slug);
    expect(await shownIds(page)).toEqual([`post-${first}`]);
    await writer.publish(slug, "Third words.");
    await writer.edit(slug, second ?? "", "Second words, corrected.");
    await writer.edit(slug, first ?? "", "First words, corrected.");
    await page.waitForFunction(
      () => document.getElementById("updates")?.textContent?.includes("First words, corrected."),
      undefined,
      WAIT,
    );
    expect(await shownIds(page)).toEqual([`post-${first}`]);
    await writer.remove(slug, first ?? "");
    await expect.poll(() => shownIds(page), WAIT).toEqual([]);
    await page.close();
  });
});
