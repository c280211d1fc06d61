// Richer blocks in Chromium: a gallery shows one figure at a time with JavaScript off and is
// usable from the keyboard with it on (its scroller focused, arrow keys, Tab to the previous and
// next buttons) and by a finger's swipe; every embed provider's player loads only when the reader presses its button:
// before, not one request reaches the provider's host (each is intercepted, recorded, aborted).

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import {
  EMBEDS,
  EMBEDS_WITH_PLAYER,
  PROVIDER_HOSTS,
  shownIndex,
  startRichBlocksNewsroom,
  swipeAcross,
} from "./blocks-support.js";
import type { Newsroom } from "./newsroom-support.js";

const slug = "blocks-e2e";
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  newsroom = await startRichBlocksNewsroom(slug);
  ({ server, browser } = newsroom);
}, 120_000);

afterAll(() => newsroom?.close());

async function open(javaScriptEnabled: boolean, hasTouch = false) {
  const context: BrowserContext = await browser.newContext({
    javaScriptEnabled,
    hasTouch,
    viewport: { width: 800, height: 900 },
  });
  const asked: string[] = [];
  await context.route(
    (url) => PROVIDER_HOSTS.test(url.hostname),
    (route) => {
      asked.push(route.request().url());
      return route.abort();
    },
  );
  const page: Page = await context.newPage();
  await page.goto(`${server.url}/live/${slug}`, { waitUntil: "load" });
  return { context, page, asked };
}

/** How many of the gallery's figures lie wholly inside its scroller's visible box. */
const visibleFigures = (page: Page) =>
  page.locator(".gallery-track").evaluate((track) => {
    const box = track.getBoundingClientRect();
    return [...track.children].filter((figure) => {
      const r = figure.getBoundingClientRect();
      return r.left >= box.left - 1 && r.right <= box.right + 1 && r.width > 0;
    }).length;
  });

describe("richer blocks in the reader", () => {
  it("without JavaScript: one gallery figure in view, every embed a link, nothing third-party", async () => {
    const { context, page, asked } = await open(false);
    try {
      expect(await page.locator(".gallery-item").count()).toBe(3);
      expect(await visibleFigures(page)).toBe(1);
      expect(await page.locator(".gallery-nav").isVisible()).toBe(false);
      for (const img of await page.locator(".gallery-item img").all()) {
        expect(await img.getAttribute("width")).toMatch(/^\d+$/);
        expect(await img.getAttribute("height")).toMatch(/^\d+$/);
      }
      expect(await page.locator("iframe").count()).toBe(0);
      expect(await page.locator(".embed-load:visible").count()).toBe(0);
      for (const url of EMBEDS) {
        expect(await page.locator(`a.embed-source[href="${url}"]`).count(), url).toBe(1);
      }
      expect(asked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("with JavaScript: the gallery moves by arrow keys and by its buttons, from the keyboard", async () => {
    const { context, page, asked } = await open(true);
    try {
      const track = page.locator(".gallery-track");
      await page.locator(".gallery-nav").waitFor({ state: "visible", timeout: 15_000 });
      await track.focus();
      expect(await track.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.locator(".gallery-count").textContent()).toBe("2 / 3");
      // Once the smooth scroll settles, one figure fills the scroller again.
      await expect.poll(() => visibleFigures(page), { timeout: 10_000 }).toBe(1);
      // Tab reaches the previous button, then the next one.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("gallery-prev");
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => page.locator(".gallery-prev").isDisabled()).toBe(true);
      await page.locator(".gallery-next").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(1);
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator(".gallery-next").isDisabled()).toBe(true);
      expect(asked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("with a finger: a swipe moves the gallery one figure and its count follows", async () => {
    const { context, page, asked } = await open(true, true);
    try {
      const track = page.locator(".gallery-track");
      await page.locator(".gallery-nav").waitFor({ state: "visible", timeout: 15_000 });
      await track.scrollIntoViewIfNeeded();
      expect(await shownIndex(track)).toBe(0);
      await swipeAcross(page, track);
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.locator(".gallery-count").textContent()).toBe("2 / 3");
      // It snaps: one whole figure in view, never two halves.
      await expect.poll(() => visibleFigures(page), { timeout: 10_000 }).toBe(1);
      await swipeAcross(page, track);
      await expect.poll(() => shownIndex(track), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator(".gallery-next").isDisabled()).toBe(true);
      expect(asked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("loads an embed's player only when its button is pressed, each from its provider", async () => {
    const { context, page, asked } = await open(true);
    try {
      const buttons = page.locator(".embed-load");
      await buttons.first().waitFor({ state: "visible", timeout: 15_000 });
      // Mastodon and a Bluesky link by handle have no frame: a card with a link, no button.
      const count = await buttons.count();
      expect(count).toBe(EMBEDS_WITH_PLAYER);
      await page.waitForTimeout(500);
      expect(asked).toEqual([]);
      for (let i = 0; i < count; i += 1) {
        const card = page
          .locator(".embed-placeholder")
          .filter({ has: page.locator(".embed-load") })
          .first();
        const src = await card.getAttribute("data-frame-src");
        if (!src) throw new Error("a button without a frame");
        const before = asked.length;
        const button = card.locator(".embed-load");
        await button.scrollIntoViewIfNeeded();
        await button.click();
        await expect
          .poll(() => asked.length, { timeout: 10_000, message: `${src} ${asked.join(" ")}` })
          .toBeGreaterThan(before);
        expect(new URL(asked[before] ?? "").origin).toBe(new URL(src).origin);
        expect(await page.locator(`iframe[src="${src}"]`).count()).toBe(1);
      }
      expect(await page.locator("iframe").count()).toBe(count);
    } finally {
      await context.close();
    }
  }, 90_000);
});
