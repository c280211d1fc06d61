// Corrections in real Chromium: a reader with the page open sees "Updated HH:MM ZONE" and the
// correction note arrive live when a post is corrected (live.js builds the same markup as the
// server, corrections-view.ts), the note as text, never as markup; a pin alone marks nothing.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer } from "../helpers/server.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = "flood-live";
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: string;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    blog: { title: "Flood", language: "en-GB", timezone: "Europe/Kyiv" },
    desks: false,
  });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor.token;
});
afterAll(() => newsroom?.close());

describe("a corrected post on an open reader page", () => {
  it("shows the update marker and the correction live", async () => {
    const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { title: "Bridge closed", blocks: [paragraph("The north bridge is closed.")] },
    });
    expect(created.status).toBe(201);
    const post = created.json;
    // A reader in the blog's own zone: the times read as the server writes them.
    const page = await browser.newPage({ timezoneId: "Europe/Kyiv" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/live/${slug}`);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", null, {
      timeout: 20_000,
    });
    const article = page.locator(`#post-${post.id}`);
    await expect.poll(() => article.count()).toBe(1);

    // A pin is not an edit of the words: no marker.
    const pinned = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
      body: { pinned: true, version: post.version },
    });
    expect(pinned.status).toBe(200);
    await expect
      .poll(() => page.locator(`#post-${post.id}.is-pinned`).count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.locator(`#post-${post.id} .post-updated`).count()).toBe(0);

    const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
      body: {
        blocks: [paragraph("The south bridge is closed.")],
        correction: "An earlier version named the <i>north</i> bridge.",
        version: pinned.json.version,
      },
    });
    expect(corrected.status).toBe(200);
    const at: string = corrected.json.contentUpdatedAt;
    const clock = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      timeZone: "Europe/Kyiv",
    }).format(new Date(at));

    const live = page.locator(`#post-${post.id}`);
    await expect
      .poll(() => live.locator(".post-body").textContent(), { timeout: 20_000 })
      .toContain("south bridge");
    expect(await live.locator(".post-updated").textContent()).toBe(`Updated ${clock}`);
    expect(await live.locator(".post-updated").getAttribute("href")).toBe(
      `/live/${slug}/posts/${post.id}/history`,
    );
    expect(await live.locator(".post-correction").textContent()).toBe(
      `Correction, ${clock}: An earlier version named the <i>north</i> bridge.`,
    );
    expect(await live.locator(".post-correction i").count()).toBe(0);

    // The page as the server renders it says the same, word for word.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", null, {
      timeout: 20_000,
    });
    const served = page.locator(`#post-${post.id}`);
    expect(await served.locator(".post-updated").textContent()).toBe(`Updated ${clock}`);
    expect(await served.locator(".post-correction").textContent()).toBe(
      `Correction, ${clock}: An earlier version named the <i>north</i> bridge.`,
    );

    // The history link opens what the post said before.
    await served.locator(".post-updated").click();
    await page.waitForURL(`**/live/${slug}/posts/${post.id}/history`);
    expect(await page.locator(".post-versions").textContent()).toContain(
      "The north bridge is closed.",
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
