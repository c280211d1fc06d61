// A reader with seven live blogs open in tabs of one browser, over HTTP/1.1 (six connections
// per origin): the tabs share one event stream, so all are live and another page still loads;
// when the tab holding the stream closes, another takes it over without missing an update.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;
const slugs = Array.from({ length: 7 }, (_, i) => `election-${i}`);

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
  for (const slug of slugs) {
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: `Count ${slug}` },
    });
    await publish(slug, `Polls open in ${slug}.`);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function publish(slug: string, text: string): Promise<string> {
  const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { blocks: [paragraph(text)] },
  });
  expect(answer.status).toBe(201);
  return answer.json.id;
}

const connected = (page: Page) =>
  page.waitForFunction(() => document.documentElement.dataset.live === "connected", undefined, {
    timeout: 10_000,
  });

describe("seven reader tabs", () => {
  it("stay live on one shared stream, and another page still loads", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    context.setDefaultTimeout(10_000);
    const errors: string[] = [];
    const tabs: Page[] = [];
    for (const slug of slugs) {
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(`${slug}: ${error.message}`));
      await page.goto(`${server.url}/live/${slug}`);
      tabs.push(page);
    }
    for (const page of tabs) await connected(page);
    const hub = server.dispatch.hub;
    // One connection for all seven: each blog is a reader on it, and no tab has its own.
    await expect.poll(() => hub.totalReaders()).toBe(7);
    expect(hub.stats.sharedStreams).toBe(1);

    const ids = await Promise.all(slugs.map((slug) => publish(slug, `First count in ${slug}.`)));
    for (const [i, page] of tabs.entries()) {
      await page.locator(`article#post-${ids[i]}`).waitFor();
    }
    // An eighth page, and a request of a page's own, are not stuck behind the streams.
    const started = Date.now();
    const another = await context.newPage();
    await another.goto(`${server.url}/live/${slugs[2]}/posts/${ids[2]}`);
    await another.getByText(`First count in ${slugs[2]}.`).waitFor();
    const status = await tabs[3]?.evaluate(async () => (await fetch("/api/blogs")).status);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    await another.close();

    // The tab holding the stream (the first, which asked first) closes: another takes over.
    await tabs.shift()?.close();
    const later = await Promise.all(
      slugs.slice(1).map((slug) => publish(slug, `Second count in ${slug}.`)),
    );
    for (const [i, page] of tabs.entries()) {
      await page.locator(`article#post-${later[i]}`).waitFor();
    }
    await expect.poll(() => hub.totalReaders()).toBe(6);
    expect(hub.stats.sharedStreams).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
