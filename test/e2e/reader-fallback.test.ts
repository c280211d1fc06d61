// The reader page where no event stream gets through: a browser without EventSource, or a
// network that kills the stream (a buffering proxy). The page falls back to polling the
// changes endpoint and still shows what is published and removes what is deleted.

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

async function newBlog(slug: string) {
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: `Coverage ${slug}`, timezone: "Europe/Berlin" },
  });
  await publish(slug, "Already there when the page loaded.");
}

async function publish(slug: string, text: string): Promise<string> {
  const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { blocks: [paragraph(text)] },
  });
  expect(answer.status).toBe(201);
  return answer.json.id;
}

/** A reader page, counting the polls it makes and failing the test on a page error. */
async function openReader(slug: string, prepare: (page: Page) => Promise<unknown>) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const polls: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => {
    if (request.url().includes(`/api/blogs/${slug}/changes`)) polls.push(request.url());
  });
  await prepare(page);
  await page.goto(`${server.url}/live/${slug}`);
  await page.getByText("Already there when the page loaded.").waitFor();
  return { page, errors, polls };
}

describe("the reader page without a working event stream", () => {
  it("polls for changes in a browser that has no EventSource", async () => {
    const slug = "no-event-source";
    await newBlog(slug);
    const { page, errors, polls } = await openReader(slug, (p) =>
      p.addInitScript(() => {
        delete (window as { EventSource?: unknown }).EventSource;
      }),
    );
    const id = await publish(slug, "Published after the page loaded.");
    const article = page.locator(`article#post-${id}`);
    await article.waitFor({ timeout: 15_000 });
    expect(await article.innerText()).toContain("Published after the page loaded.");
    expect(polls.length).toBeGreaterThan(0);
    expect(polls[0]).toMatch(/changes\?since=\d+/);

    await server.api("DELETE", `/api/blogs/${slug}/posts/${id}`, { token: editor });
    await article.waitFor({ state: "detached", timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.live)).toBe("polling");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("falls back to polling when every event stream request fails", async () => {
    const slug = "blocked-stream";
    await newBlog(slug);
    let streamAttempts = 0;
    const { page, errors, polls } = await openReader(slug, (p) =>
      p.route(`**/api/blogs/${slug}/events**`, (route) => {
        streamAttempts += 1;
        return route.abort("connectionreset");
      }),
    );
    const id = await publish(slug, "Published behind a proxy that kills streams.");
    await page.locator(`article#post-${id}`).waitFor({ timeout: 20_000 });
    expect(streamAttempts).toBeGreaterThan(0);
    expect(polls.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
