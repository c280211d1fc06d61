// The key figures box in real Chromium: a value changed in the newsroom reaches an open reader
// page without a reload, the earlier value appears in the figure's history, and the box the
// script builds is, element for element, the box the server renders (in the embed too); a page
// whose stream was refused while a figure changed catches up from its own place once the
// stream comes back.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.js";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const police = {
  value: 40,
  qualifier: "about",
  unit: "people",
  source: { name: "City police", url: "https://police.example/update" },
  asOf: "2026-05-01T09:00:00Z",
};

async function openReader(slug: string): Promise<Page> {
  // A reader in the blog's own zone: the times read as the server writes them.
  const page = await browser.newPage({ timezoneId: "America/New_York" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/live/${slug}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    { timeout: 20_000 },
  );
  expect(errors).toEqual([]);
  return page;
}

const boxHtml = (page: Page) => page.locator("#figures").evaluate((node) => node.outerHTML);

describe("the key figures box", () => {
  it("updates live on an open page, with the same markup the server renders", async () => {
    const slug = "figures-live";
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Floods", timezone: "America/New_York", language: "en" },
    });
    const page = await openReader(slug);
    // No figures yet: the box is there, hidden, for the script to fill.
    expect(await page.locator("#figures").isHidden()).toBe(true);

    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Missing", values: [police] },
    });
    expect(made.status).toBe(201);
    await page.locator("#figures dt", { hasText: "Missing" }).waitFor({ timeout: 20_000 });
    expect(await page.locator("#figures").isVisible()).toBe(true);

    const changed = await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: editor,
      body: {
        values: [
          { ...police, value: 25, qualifier: null, asOf: "2026-05-01T15:00:00Z" },
          {
            value: 60,
            unit: "people",
            source: { name: "Red Cross" },
            asOf: "2026-05-01T14:00:00Z",
          },
        ],
      },
    });
    expect(changed.status).toBe(200);
    const current = page.locator("#figures .figure-value");
    await page.waitForFunction(
      () => document.querySelectorAll("#figures .figure-value").length === 2,
      undefined,
      { timeout: 20_000 },
    );
    expect(await current.allInnerTexts()).toEqual([
      "25 people, according to City police, as of May 1 at 11:00 EDT",
      "60 people, according to Red Cross, as of May 1 at 10:00 EDT",
    ]);
    // The earlier value, openable without a reload.
    await page.locator("#figures summary").click();
    expect(await page.locator("#figures details li").innerText()).toBe(
      "about 40 people, according to City police, as of May 1 at 05:00 EDT",
    );
    expect(await page.locator("#figures a.figure-source").first().getAttribute("href")).toBe(
      "https://police.example/update",
    );
    await page.locator("#figures summary").click();

    // axe-core finds nothing to fault in the box, history open.
    await page.locator("#figures summary").click();
    const violations = await axeViolations(page, "#figures");
    expect(violations).toEqual([]);
    await page.locator("#figures summary").click();

    const live = await boxHtml(page);
    const fresh = await openReader(slug);
    expect(await boxHtml(fresh)).toBe(live);
    await fresh.close();
    await page.close();
  }, 90_000);

  it("updates live in the embed too, as on the page", async () => {
    const slug = "figures-embed";
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Floods", timezone: "America/New_York", language: "en" },
    });
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Missing", values: [police] },
    });
    expect(made.status).toBe(201);
    const embed = await browser.newPage({ timezoneId: "America/New_York" });
    await embed.goto(`${server.url}/live/${slug}/embed`);
    await embed.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      undefined,
      { timeout: 20_000 },
    );
    expect(await embed.locator("#figures .figure-value").innerText()).toContain("about 40 people");
    const changed = await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: editor,
      body: { values: [{ ...police, value: 55, qualifier: null }] },
    });
    expect(changed.status).toBe(200);
    await embed
      .locator("#figures .figure-value", { hasText: "55 people" })
      .waitFor({ timeout: 20_000 });
    // The box the embed drew live is the one it would be served now.
    const live = await boxHtml(embed);
    await embed.reload();
    expect(await boxHtml(embed)).toBe(live);
    await embed.close();
  }, 90_000);

  it("reads a figure's as-of time in the reader's own zone, named, once the script runs", async () => {
    const slug = "figures-kyiv";
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Floods", timezone: "Europe/Kyiv", language: "en" },
    });
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Missing", values: [police] },
    });
    expect(made.status).toBe(201);
    // As served, on Kyiv's clock (09:00 UTC is 12:00 there in May).
    const served = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(served).toMatch(
      /as of <time datetime="2026-05-01T09:00:00.000Z"[^>]*>[^<]*12:00 GMT\+3/,
    );
    // In New York, once the script has run: 05:00 there, named.
    const page = await openReader(slug);
    await expect
      .poll(() => page.locator("#figures .figure-value time").innerText(), { timeout: 10_000 })
      .toMatch(/05:00 EDT/);
    await page.close();
  }, 90_000);

  it("catches up on a figure changed while its stream was down, from the page's place", async () => {
    const slug = "figures-replay";
    await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Storm" } });
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Without power", values: [{ ...police, unit: "homes" }] },
    });
    const page = await browser.newPage();
    // The stream and the polling fallback both refused at first: the page learns nothing.
    let down = true;
    const asked: string[] = [];
    await page.route(/\/api\/blogs\/figures-replay\/(events|changes)/, (route) => {
      asked.push(route.request().url());
      return down ? route.abort() : route.continue();
    });
    await page.goto(`${server.url}/live/${slug}`);
    const seq = Number(await page.evaluate(() => document.body.dataset.seq));
    await expect.poll(() => asked.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: editor,
      body: { values: [{ ...police, value: 12, unit: "homes" }] },
    });
    down = false;
    await page
      .locator("#figures .figure-value", { hasText: "12 homes" })
      .waitFor({ timeout: 90_000 });
    // Resumed from where the page stood, not read afresh.
    expect(
      asked.some((url) => url.includes(`lastEventId=${seq}`) || url.includes(`since=${seq}`)),
    ).toBe(true);
    expect(await page.locator("#figures details li").textContent()).toContain("about 40 homes");
    await page.close();
  }, 150_000);

  it("is complete without JavaScript, history included", async () => {
    const slug = "figures-nojs";
    await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Quake" } });
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Dead", values: [police] },
    });
    await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: editor,
      body: { values: [{ ...police, value: 52 }] },
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/live/${slug}`);
    const box = page.getByRole("region", { name: "By the numbers" });
    expect(await box.locator("dt").innerText()).toBe("Dead");
    expect(await box.locator(".figure-value").innerText()).toContain("about 52 people");
    await box.locator("summary").click();
    expect(await box.locator("details li").innerText()).toContain("about 40 people");
    await context.close();
  }, 60_000);
});
