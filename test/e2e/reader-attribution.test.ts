// A post's verification badge and source line on an open reader page in real Chromium: a
// post arriving live carries them in the same markup the server writes (hostile source text
// staying text), and an editor confirming an unconfirmed post changes its badge in place.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openReader(slug: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${server.url}/live/${slug}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    { timeout: 15_000 },
  );
  return { page, errors };
}

/** The badge and source line of one article, as markup. */
const attributionMarkup = (page: Page, id: string) =>
  page.evaluate((postId) => {
    const article = document.getElementById(`post-${postId}`);
    return [".post-verification", ".post-source"].map(
      (selector) => article?.querySelector(selector)?.outerHTML ?? null,
    );
  }, id);

describe("attribution on the reader page", () => {
  it("shows a live post's badge and source as the server does, and a confirmation in place", async () => {
    const slug = `sourced-live-${process.pid}`;
    await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Sourced" } });
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { blocks: [paragraph("Coverage begins.")] },
    });
    const { page, errors } = await openReader(slug);
    const hostile = `"><img src=x onerror=alert(1)><script>alert(2)</script> via Reuters & AP`;
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        blocks: [paragraph("Shots heard near the ministry.")],
        source: { text: hostile, url: "https://example.com/report?a=1&b=2" },
        verification: { state: "unconfirmed", note: "Not yet verified <b>by us</b>" },
      },
    });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    const article = page.locator(`article#post-${id}`);
    await article.waitFor({ timeout: 10_000 });
    expect(await article.locator(".verification-badge").innerText()).toMatch(/unconfirmed/i);
    expect(await article.locator(".verification-note").textContent()).toBe(
      "Not yet verified <b>by us</b>",
    );
    expect(await article.locator(".post-source a").textContent()).toBe(hostile);
    expect(await article.locator(".post-source img, .post-source script").count()).toBe(0);
    const live = await attributionMarkup(page, id);

    // The same post rendered by the server: a fresh page load.
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}/live/${slug}`);
    expect(await attributionMarkup(fresh, id)).toEqual(live);
    await fresh.close();

    await server.api("PATCH", `/api/blogs/${slug}/posts/${id}`, {
      token: editor,
      body: { verification: { state: "confirmed" }, version: made.json.version },
    });
    await expect
      .poll(() => article.locator(".verification-badge").textContent(), { timeout: 10_000 })
      .toBe("Confirmed");
    expect(await article.getAttribute("data-version")).toBe(String(made.json.version + 1));
    expect(await article.locator(".post-verification").getAttribute("data-verification")).toBe(
      "confirmed",
    );
    expect(await article.locator(".verification-note").count()).toBe(0);
    expect(await page.locator(`article#post-${id}`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
