// The reader's live words in the blog's language, in real Chromium: on a Russian blog five
// posts arriving while the reader is further down are offered as "5 новых обновлений" and
// announced in Russian, are built with Russian labels, and the closing is announced in
// Russian; the script embed of an Arabic blog on a partner's page writes Arabic.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { blocksWithWords, buildCoverage, englishLeft, NEWSROOMS } from "../i18n/coverage-in.js";

let server: TestServer;
let browser: Browser;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  // A partner's page on another origin, holding the script embed of the blog it is asked for.
  host = createServer((req, res) => {
    const slug = new URL(req.url ?? "/", "http://host").searchParams.get("slug") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head>
<body><div id="embed" data-dispatch-blog="${slug}"></div>
<script async src="${server.url}/embed.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => host?.close(resolve));
});

describe("a reader in the blog's language, live", () => {
  it("offers and announces new posts in Russian, with Russian plural forms and labels", async () => {
    const room = NEWSROOMS.ru;
    if (!room) throw new Error("no ru");
    const { slug } = await buildCoverage(server, room, "potop-live", 12);
    const token = await server.tokenFor("editor", room.writer);
    const page = await browser.newPage({ viewport: { width: 390, height: 600 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/live/${slug}`);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 600);

    const published: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token,
        body: {
          // The second brings a gallery and embeds: their words arrive in the post's HTML.
          blocks: [paragraph(room.report(200 + n)), ...(n === 2 ? blocksWithWords(room) : [])],
          keyEvent: n === 5,
          ...(n === 4
            ? {
                source: { text: room.sourceLine },
                verification: { state: "disputed", note: room.verificationNote },
              }
            : {}),
        },
      });
      expect(made.status).toBe(201);
      published.push(made.json.id);
    }
    const button = page.locator("button.new-updates");
    await expect.poll(() => button.innerText(), { timeout: 5000 }).toBe("5 новых обновлений");
    // The announcement gathers a burst of arrivals for a second, so it names all five.
    await expect
      .poll(() => page.locator("#announcer").innerText(), { timeout: 5000 })
      .toBe("5 новых обновлений");

    await button.click();
    const keyEvent = page.locator(`#post-${published[4]}`);
    await keyEvent.waitFor({ timeout: 3000 });
    expect(await keyEvent.locator(".label-key").textContent()).toBe("Главное");
    expect(await keyEvent.locator("h2.post-title").textContent()).toMatch(
      /^Обновление в \d\d:\d\d/,
    );
    const attributed = page.locator(`#post-${published[3]}`);
    expect(await attributed.locator(".verification-badge").textContent()).toBe("Оспаривается");
    expect(await attributed.locator(".post-source-label").textContent()).toBe("Источник:");
    // Nothing the script wrote is English.
    expect(englishLeft(await page.content())).toEqual([]);
    const withBlocks = page.locator(`#post-${published[1]}`);
    expect(await withBlocks.locator(".gallery-prev").getAttribute("aria-label")).toBe(
      "Предыдущее изображение",
    );
    expect(await withBlocks.locator(".embed-youtube .embed-load").innerText()).toBe(
      "Загрузить «Видео YouTube» с сайта YouTube",
    );

    // Closing is said in Russian too.
    const closed = await server.api("PATCH", `/api/blogs/${slug}`, {
      token,
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    await expect
      .poll(() => page.locator("#announcer").innerText(), { timeout: 5000 })
      .toBe("Эта онлайн-трансляция завершена.");
    expect(await page.locator(".closed-notice").innerText()).toMatch(
      /^Эта онлайн-трансляция завершена\. Освещение закончилось .+ в \d\d:\d\d/,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it("writes the script embed of an Arabic blog in Arabic on a partner's page", async () => {
    const room = NEWSROOMS.ar;
    if (!room) throw new Error("no ar");
    const { slug } = await buildCoverage(server, room, "fayadan-embed", 3);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${hostUrl}/?slug=${slug}`);
    const shadow = () =>
      page.evaluate(() => document.querySelector("#embed")?.shadowRoot?.innerHTML ?? "");
    await expect.poll(shadow, { timeout: 10_000 }).toContain('class="post-body"');
    const text = await page.evaluate(() => {
      const root = document.querySelector("#embed")?.shadowRoot;
      return {
        badge: root?.querySelector(".live-badge")?.textContent,
        all: root?.querySelector(".pager a")?.textContent,
        key: root?.querySelector(".label")?.textContent,
        lang: root?.querySelector(".dispatch-embed")?.getAttribute("lang"),
      };
    });
    expect(text).toEqual({ badge: "مباشر", all: "كل التحديثات", key: "حدث بارز", lang: "ar" });
    // Two bylines joined as Arabic joins names ("A وB"), as the reader page joins them.
    const bylines = await page.evaluate(() =>
      [...(document.querySelector("#embed")?.shadowRoot?.querySelectorAll(".byline-name") ?? [])]
        .map((names) => names.textContent)
        .filter((names) => names?.includes("،") || names?.includes(" و") || names?.includes(",")),
    );
    expect(bylines).toEqual([
      new Intl.ListFormat("ar", { type: "conjunction" }).format([room.writer, room.agency]),
    ]);
    expect(englishLeft(await shadow())).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
