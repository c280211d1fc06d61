// The reader page in real Chromium: updates arrive live, edits and deletes apply in place,
// a reader who has scrolled away gets a "new updates" button instead of a jump, closing
// shows the notice, and the page is complete with JavaScript off.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLAY_LIMIT } from "../../src/core/change.js";
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

async function newBlog(slug: string, posts = 0) {
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: {
      slug,
      title: `Coverage ${slug}`,
      summary: "What is happening",
      timezone: "Europe/Berlin",
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < posts; i++) {
    const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        title: `Earlier update ${i}`,
        blocks: Array.from({ length: 4 }, (_, j) =>
          paragraph(`Paragraph ${j} of update ${i}. `.repeat(12)),
        ),
      },
    });
    ids.push(res.json.id);
  }
  return ids;
}

async function openReader(slug: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/live/${slug}`);
  // The script is ready once its EventSource is open.
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    { timeout: 10_000 },
  );
  expect(errors).toEqual([]);
  return page;
}

describe("the reader page", () => {
  it("shows a new post live, replaces an edit in place and removes a delete", async () => {
    await newBlog("live-page", 1);
    const page = await openReader("live-page");
    const published = await server.api("POST", "/api/blogs/live-page/posts", {
      token: editor,
      body: {
        title: "Breaking: bridge closed",
        blocks: [paragraph("Police have closed the **bridge**.")],
      },
    });
    const article = page.locator(`article#post-${published.json.id}`);
    await article.waitFor({ timeout: 3000 });
    expect(await article.locator("h2").innerText()).toBe("Breaking: bridge closed");
    expect(await article.locator("strong").innerText()).toBe("bridge");
    // Newest first: the new post is the first article of the stream.
    expect(await page.locator("#updates article").first().getAttribute("id")).toBe(
      `post-${published.json.id}`,
    );
    // Announcements are gathered for a second, so a burst is one announcement.
    await expect
      .poll(() => page.locator("#announcer").innerText(), { timeout: 5000 })
      .toMatch(/new update/i);

    await server.api("PATCH", `/api/blogs/live-page/posts/${published.json.id}`, {
      token: editor,
      body: { version: 1, title: "Bridge closed in both directions" },
    });
    await expect
      .poll(() => article.locator("h2").innerText(), { timeout: 3000 })
      .toBe("Bridge closed in both directions");
    expect(await page.locator(`article#post-${published.json.id}`).count()).toBe(1);

    await server.api("DELETE", `/api/blogs/live-page/posts/${published.json.id}`, {
      token: editor,
    });
    await expect.poll(() => article.count(), { timeout: 3000 }).toBe(0);

    await server.api("PATCH", "/api/blogs/live-page", {
      token: editor,
      body: { status: "closed" },
    });
    await expect
      .poll(() => page.locator(".closed-notice").isVisible(), { timeout: 3000 })
      .toBe(true);
    await page.close();
  });

  it("puts a renamed headline into the tab title as written, $& and all", async () => {
    await newBlog("renamed");
    const page = await openReader("renamed");
    expect(await page.title()).toContain("Coverage renamed");
    // In a replacement string, $& and $' would insert the old headline or what follows it.
    const headline = "Rates $& rents $' soar $$";
    await server.api("PATCH", "/api/blogs/renamed", { token: editor, body: { title: headline } });
    await expect
      .poll(() => page.locator("#headline").innerText(), { timeout: 3000 })
      .toBe(headline);
    expect(await page.title()).toContain(headline);
    expect(await page.title()).not.toContain("Coverage renamed");
    await page.close();
  });

  it("holds new posts behind a 'new updates' button while the reader is scrolled down", async () => {
    await newBlog("scrolled", 12);
    const page = await openReader("scrolled");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 1000);
    const scrollBefore = await page.evaluate(() => window.scrollY);

    const published = await server.api("POST", "/api/blogs/scrolled/posts", {
      token: editor,
      body: { title: "While you were reading", blocks: [paragraph("News")] },
    });
    const button = page.locator("button.new-updates");
    await button.waitFor({ state: "visible", timeout: 3000 });
    expect(await button.innerText()).toMatch(/1 new update/i);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    expect(await page.locator(`article#post-${published.json.id}`).count()).toBe(0);

    await button.click();
    const article = page.locator(`article#post-${published.json.id}`);
    await article.waitFor({ timeout: 3000 });
    await expect
      .poll(() => page.evaluate(() => window.scrollY), { timeout: 3000 })
      .toBeLessThan(scrollBefore);
    expect(await article.isVisible()).toBe(true);
    expect(await button.isVisible()).toBe(false);
    await page.close();
  });

  it("reads the page afresh when the stream says it is too far behind", async () => {
    await newBlog("far-behind");
    // More changes than a replay carries, a few at a time as a newsroom would make them.
    for (let batch = 0; batch * 20 <= REPLAY_LIMIT; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.api("POST", "/api/blogs/far-behind/posts", {
            token: editor,
            body: { blocks: [paragraph(`Update ${batch * 20 + i}`)] },
          }),
        ),
      );
    }
    const page = await browser.newPage();
    // The first answer is the page as a cache might have kept it from the blog's start.
    let served = 0;
    await page.route(`${server.url}/live/far-behind`, async (route) => {
      served++;
      if (served > 1) return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(/ data-seq="\d+"/, ' data-seq="1"');
      const { "content-length": _, "content-encoding": __, ...headers } = response.headers();
      await route.fulfill({ status: response.status(), headers, body });
    });
    await page.goto(`${server.url}/live/far-behind`);
    await expect.poll(() => served, { timeout: 10_000 }).toBe(2);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
    expect(Number(await page.evaluate(() => document.body.dataset.seq))).toBeGreaterThan(
      REPLAY_LIMIT,
    );
    // Read afresh, the page goes on live.
    const fresh = await server.api("POST", "/api/blogs/far-behind/posts", {
      token: editor,
      body: { blocks: [paragraph("After the reload")] },
    });
    await page.locator(`article#post-${fresh.json.id}`).waitFor({ timeout: 3000 });
    expect(served).toBe(2);
    await page.close();
  });

  it("shows the whole coverage with JavaScript off", async () => {
    const ids = await newBlog("no-js", 5);
    await server.api("PATCH", `/api/blogs/no-js/posts/${ids[0]}`, {
      token: editor,
      body: { version: 1, pinned: true },
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/live/no-js`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator("h1").innerText()).toBe("Coverage no-js");
    const rendered = await page
      .locator("article[id^=post-]")
      .evaluateAll((els) => els.map((e) => e.id));
    expect(rendered.sort()).toEqual(ids.map((id) => `post-${id}`).sort());
    // The pinned post leads the page.
    expect(rendered[0]).toBe(`post-${ids[0]}`);
    await context.close();
  });
});
