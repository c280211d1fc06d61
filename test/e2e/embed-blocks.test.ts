// Richer blocks in the script embed, on a partner's page (its own server on another port), in
// real Chromium: as on the reader page, every provider's embed is a card whose player loads
// only when the reader presses its button (before, not one request reaches a provider's host),
// and a gallery shows its previous and next buttons and count, moves by arrow keys on its
// focused scroller, by those buttons from the keyboard, and by a finger's swipe. The iframe
// embed page's script carries the same controls.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import {
  EMBEDS_WITH_PLAYER,
  PROVIDER_HOSTS,
  shownIndex,
  startRichBlocksNewsroom,
  swipeAcross,
} from "./blocks-support.js";
import type { Newsroom } from "./newsroom-support.js";

const slug = "embed-blocks";
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  newsroom = await startRichBlocksNewsroom(slug);
  ({ server, browser } = newsroom);
  host = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<p>The partner's own article.</p>
<div id="embed" data-dispatch-blog="${slug}"></div>
<script async src="${server.url}/embed.js"></script>
<script async src="${server.url}/embed.js"></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await newsroom?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function openPartner(hasTouch = false) {
  const context: BrowserContext = await browser.newContext({
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
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${hostUrl}/partner.html`, { waitUntil: "load" });
  return { context, page, asked, errors };
}

// Playwright's CSS locators pierce the embed's open shadow root.
const track = (page: Page) => page.locator("#embed .gallery-track");
const count = (page: Page) => page.locator("#embed .gallery-count").textContent();

describe("richer blocks in the script embed", () => {
  it("loads an embed's player only when its button is pressed", async () => {
    const { context, page, asked, errors } = await openPartner();
    try {
      const buttons = page.locator("#embed .embed-load");
      await buttons.first().waitFor({ state: "visible", timeout: 20_000 });
      expect(await buttons.count()).toBe(EMBEDS_WITH_PLAYER);
      await page.waitForTimeout(500);
      expect(asked).toEqual([]);
      expect(await page.locator("#embed iframe").count()).toBe(0);

      const card = page
        .locator("#embed .embed-placeholder")
        .filter({ has: page.locator(".embed-load") })
        .first();
      const src = await card.getAttribute("data-frame-src");
      if (!src) throw new Error("a button without a frame");
      const button = card.locator(".embed-load");
      await button.scrollIntoViewIfNeeded();
      await button.press("Enter");
      await expect.poll(() => asked.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(new URL(asked[0] ?? "").origin).toBe(new URL(src).origin);
      expect(await page.locator(`#embed iframe[src="${src}"]`).count()).toBe(1);
      expect(await page.locator("#embed .embed-load").count()).toBe(EMBEDS_WITH_PLAYER - 1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("moves the gallery by arrow keys and by its buttons, from the keyboard", async () => {
    const { context, page, asked, errors } = await openPartner();
    try {
      await page.locator("#embed .gallery-nav").waitFor({ state: "visible", timeout: 20_000 });
      expect(await count(page)).toBe("1 / 3");
      expect(await page.locator("#embed .gallery-prev").isDisabled()).toBe(true);
      await track(page).focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => shownIndex(track(page)), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => count(page)).toBe("2 / 3");
      await page.keyboard.press("Tab");
      expect(
        await page.evaluate(
          () => document.getElementById("embed")?.shadowRoot?.activeElement?.className,
        ),
      ).toBe("gallery-prev");
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track(page)), { timeout: 10_000 }).toBe(0);
      await page.locator("#embed .gallery-next").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track(page)), { timeout: 10_000 }).toBe(1);
      await page.keyboard.press("Enter");
      await expect.poll(() => shownIndex(track(page)), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator("#embed .gallery-next").isDisabled()).toBe(true);
      expect(asked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("moves the gallery by a finger's swipe", async () => {
    const { context, page, errors } = await openPartner(true);
    try {
      await page.locator("#embed .gallery-nav").waitFor({ state: "visible", timeout: 20_000 });
      await track(page).scrollIntoViewIfNeeded();
      await swipeAcross(page, track(page));
      await expect.poll(() => shownIndex(track(page)), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => count(page)).toBe("2 / 3");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("does the same on the iframe embed page, whose script carries the same controls", async () => {
    const { context, page, asked, errors } = await openPartner();
    try {
      await page.goto(`${server.url}/live/${slug}/embed`, { waitUntil: "load" });
      await page.locator(".gallery-nav").waitFor({ state: "visible", timeout: 20_000 });
      expect(await page.locator(".embed-load:visible").count()).toBe(EMBEDS_WITH_PLAYER);
      await page.locator(".gallery-next").click();
      await expect.poll(() => page.locator(".gallery-count").textContent()).toBe("2 / 3");
      expect(asked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
