// Sharing from the script embed in real Chromium: on a partner's page (its own server on
// another port), each post in the embed's shadow root carries the reader page's compact share
// control: a "Share" link to the post's own page on Dispatch (a new tab), "Copy link", which
// puts that address on the clipboard and says so, and the device's "Share…" only where the
// browser has one. A post arriving live gets it too; in an Arabic blog, in Arabic.

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { type BlogWriter, blogWriter, startPartnerSite } from "./embed-support.js";

let server: TestServer;
let browser: Browser;
let writer: BlogWriter;
let partner: Awaited<ReturnType<typeof startPartnerSite>>;
let hostUrl: string;
let editor: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
  writer = blogWriter(server, editor);
  partner = await startPartnerSite(server.url);
  hostUrl = partner.url;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await partner?.close();
});

async function openPartner(
  slug: string,
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${hostUrl}/partner.html?slug=${slug}`);
  return { page, context, errors };
}

/** One post's share control in the shadow root (Playwright's locators pierce it). */
const controlOf = (page: Page, id: string) => page.locator(`#embed article#post-${id} > .share`);

describe("sharing from the script embed", () => {
  it("gives each post Share, Copy link and Share… where there is one, live posts too", async () => {
    const [first] = await writer.newBlog("quay", ["Crews arrive at the quay."]);
    const { page, context, errors } = await openPartner("quay");
    try {
      const control = controlOf(page, first ?? "");
      await control.waitFor({ timeout: 20_000 });
      const permalink = `${server.url}/live/quay/posts/${first}`;
      const link = control.locator("a.share-link");
      expect(await link.textContent()).toBe("Share");
      expect(await link.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(permalink);
      expect(await link.getAttribute("target")).toBe("_blank");
      // No network's link on the partner's page: those are on the post's own page.
      expect(await control.locator("a").count()).toBe(1);

      await control.locator(".share-copy").click();
      await expect.poll(() => control.locator(".share-status").textContent()).toBe("Link copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(permalink);
      const canShare = await page.evaluate(() => typeof navigator.share === "function");
      expect(await control.locator(".share-native").count()).toBe(canShare ? 1 : 0);

      // Following the link opens the post's own page, with the networks, in a new tab.
      const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await opened.waitForLoadState();
      expect(opened.url()).toBe(permalink);
      expect(await opened.locator(`#post-${first} .share-x`).isVisible()).toBe(true);
      await opened.close();

      const later = await writer.publish("quay", "The fire is out.");
      const arrived = controlOf(page, later);
      await arrived.waitFor({ timeout: 20_000 });
      await arrived.locator(".share-copy").click();
      await expect.poll(() => arrived.locator(".share-status").textContent()).toBe("Link copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        `${server.url}/live/quay/posts/${later}`,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it("says it in the blog's language", async () => {
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "mina", title: "الميناء", language: "ar", timezone: "Asia/Riyadh" },
    });
    expect(created.status).toBe(201);
    const post = await server.api("POST", "/api/blogs/mina/posts", {
      token: editor,
      body: { blocks: [paragraph("وصلت فرق الإطفاء.")] },
    });
    expect(post.status).toBe(201);
    const { page, context } = await openPartner("mina");
    try {
      const control = controlOf(page, post.json.id);
      await control.waitFor({ timeout: 20_000 });
      expect(await control.locator("a.share-link").textContent()).toBe("مشاركة");
      await control.locator(".share-copy").click();
      await expect.poll(() => control.locator(".share-status").textContent()).not.toBe("");
      expect(await control.locator(".share-status").textContent()).not.toMatch(/[A-Za-z]/);
    } finally {
      await context.close();
    }
  }, 60_000);
});
