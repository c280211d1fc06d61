// Old data that points images at the site's own event stream (`/media/../api/…/events`, as
// stored before validation refused it): in real Chromium, the reader page must not open a
// stream per image. Six such images took every connection the browser allows one host, so
// the page's own live stream never connected and the desk froze.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a reader page with images pointing at event streams", () => {
  it("opens only its own live stream, not one per image", async () => {
    const token = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", { token, body: { slug: "trap", title: "Trap" } });
    const published = await server.api("POST", "/api/blogs/trap/posts", {
      token,
      body: { blocks: [paragraph("Water rising")] },
    });
    expect(published.status).toBe(201);
    // Written to the store directly, with the HTML the renderer produced before: old data.
    const store = server.dispatch.newsroom.store;
    const blog = await store.findBlogBySlug("trap");
    const post = await store.findPost(blog?.id ?? "", published.json.id);
    if (!post) throw new Error("post not stored");
    const srcs = Array.from({ length: 6 }, (_, i) => `/media/../api/blogs/trap/events?i=${i}`);
    const updated = await store.updatePost(
      {
        ...post,
        blocks: srcs.map((src) => ({ type: "image" as const, src, alt: "" })),
        html: srcs
          .map((src) => `<figure class="image"><img src="${src}" alt=""></figure>`)
          .join(""),
        version: post.version + 1,
      },
      post.version,
    );
    expect(updated).toBe(true);

    const page = await browser.newPage();
    const imageAnswers: number[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "image" && response.url().includes("/events")) {
        imageAnswers.push(response.status());
      }
    });
    await page.goto(`${server.url}/live/trap`);
    // The page's own EventSource connects: the images did not take its connections.
    await page.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      undefined,
      {
        timeout: 10_000,
      },
    );
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    expect(imageAnswers.every((status) => status === 406)).toBe(true);
    const health = await server.api("GET", "/api/health");
    expect(health.json.readers).toBe(1);
    await page.close();
  }, 30_000);
});
