// Sharing an update in real Chromium: each post on the live page and the embed has a "Share"
// link to its own page (followed with JavaScript off, it reaches the networks' links there),
// "Copy link", which puts the post's address on the clipboard and says so, and the device's
// "Share…" only where the browser has one; a post arriving live gets the same control from
// the page's template (blocks.js); the post's own page links the four networks, its title
// encoded as written.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;
const slug = "summit-share";
const HOSTILE = `Q&A: "talks" <b>end</b> 'soon' #1 ?a=b 100%`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor");
  const blog = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: "Summit", language: "en-GB", timezone: "Europe/London" },
  });
  expect(blog.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const publish = async (title: string) => {
  const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { title, blocks: [paragraph("Leaders speak.")] },
  });
  expect(created.status).toBe(201);
  return created.json as { id: string };
};

const openPage = async (path: string, live = true) => {
  const context = await browser.newContext({
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}${path}`);
  // A post's own page follows nothing live.
  if (live)
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", null, {
      timeout: 20_000,
    });
  return { page, errors, close: () => context.close() };
};

/** The links of one post's share control as the browser reads them, by class. */
const linksOf = (page: Page, id: string) =>
  page.$$eval(`#post-${id} > .share a`, (links) =>
    Object.fromEntries(links.map((a) => [a.className, (a as HTMLAnchorElement).href])),
  );

describe("sharing an update in the browser", () => {
  it("copies the permalink and announces it, and shows Share… only where there is one", async () => {
    const post = await publish("Talks open");
    const { page, errors, close } = await openPage(`/live/${slug}`);
    const control = page.locator(`#post-${post.id} > .share`);
    const permalink = `${server.url}/live/${slug}/posts/${post.id}`;
    expect(await linksOf(page, post.id)).toEqual({ "share-link": permalink });
    const copy = control.locator(".share-copy");
    await copy.waitFor({ state: "visible" });
    await copy.click();
    await expect.poll(() => control.locator(".share-status").textContent()).toBe("Link copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(permalink);
    const canShare = await page.evaluate(() => typeof navigator.share === "function");
    expect(await control.locator(".share-native").isVisible()).toBe(canShare);
    expect(errors).toEqual([]);
    await close();
  });

  it("gives a post arriving live the same control, on the page and in the embed", async () => {
    const before = await publish("Earlier");
    for (const path of [`/live/${slug}`, `/live/${slug}/embed`]) {
      const { page, errors, close } = await openPage(path);
      expect(await linksOf(page, before.id), path).toEqual({
        "share-link": `${server.url}/live/${slug}/posts/${before.id}`,
      });

      const post = await publish(HOSTILE);
      const control = page.locator(`#post-${post.id} > .share`);
      await expect.poll(() => control.count(), { timeout: 20_000 }).toBe(1);
      const permalink = `${server.url}/live/${slug}/posts/${post.id}`;
      expect(await linksOf(page, post.id), path).toEqual({ "share-link": permalink });
      expect(await control.locator(".share-link").textContent()).toBe("Share");
      expect(await page.locator(`#post-${post.id} b`).count()).toBe(0);
      await control.locator(".share-copy").click();
      await expect
        .poll(() => control.locator(".share-status").textContent())
        .toMatch(/^(Link copied|The link could not be copied)$/);
      if (path === `/live/${slug}`) {
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(permalink);
      }
      expect(errors, path).toEqual([]);
      await close();
    }
  });

  it("follows Share with JavaScript off to the post's page, which links the four networks", async () => {
    const post = await publish(HOSTILE);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/live/${slug}`);
    await page.locator(`#post-${post.id} .share-link`).click();
    const permalink = `${server.url}/live/${slug}/posts/${post.id}`;
    await page.waitForURL(permalink);
    const links = await linksOf(page, post.id);
    expect(Object.keys(links).sort()).toEqual([
      "share-facebook",
      "share-telegram",
      "share-whatsapp",
      "share-x",
    ]);
    // Open and visible without script: the reader came here for them.
    expect(await page.locator(`#post-${post.id} .share-x`).isVisible()).toBe(true);
    const x = new URL(links["share-x"] ?? "");
    expect([x.origin + x.pathname, x.searchParams.get("url"), x.searchParams.get("text")]).toEqual([
      "https://x.com/intent/post",
      permalink,
      HOSTILE,
    ]);
    expect(new URL(links["share-facebook"] ?? "").searchParams.get("u")).toBe(permalink);
    expect(new URL(links["share-whatsapp"] ?? "").searchParams.get("text")).toBe(
      `${HOSTILE} ${permalink}`,
    );
    expect(new URL(links["share-telegram"] ?? "").searchParams.get("url")).toBe(permalink);
    expect(await page.locator(`#post-${post.id} .share-x`).getAttribute("rel")).toBe(
      "noopener noreferrer",
    );
    expect(await page.locator(`#post-${post.id} b`).count()).toBe(0);
    // No button that needs script shows.
    expect(await page.locator(`#post-${post.id} .share-copy`).isVisible()).toBe(false);
    await context.close();
  });

  it("copies from the post's own page too", async () => {
    const post = await publish("On its own page");
    const { page, errors, close } = await openPage(`/live/${slug}/posts/${post.id}`, false);
    const control = page.locator(`#post-${post.id} > .share`);
    await control.locator(".share-copy").click();
    await expect.poll(() => control.locator(".share-status").textContent()).toBe("Link copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${server.url}/live/${slug}/posts/${post.id}`,
    );
    expect(errors).toEqual([]);
    await close();
  });
});
