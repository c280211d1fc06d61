// Times in the reader's own zone, in real Chromium: a Berlin blog read from New York shows
// each post's time (and an update arriving live) in New York time with the zone named, the
// Berlin time kept in the title, and the note atop the stream says so; with JavaScript off
// the same page shows Berlin time, zone named, and the note names Berlin. A reader in the
// blog's own zone sees the page as the server wrote it. The embeds, in the iframe and drawn by
// the script on a partner's page, show the New York reader New York times, zone named, too.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;
const slug = "zones-berlin";
let first: { id: string; publishedAt: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
  const blog = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: "Berlin votes", timezone: "Europe/Berlin", language: "en-GB" },
  });
  expect(blog.status).toBe(201);
  first = await publish("Polls have opened.", true);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function publish(text: string, keyEvent = false) {
  const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { blocks: [paragraph(text)], keyEvent },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; publishedAt: string };
}

/** The clock as CLOCK in src/core/zoned-time.ts formats it, in a given zone. */
function clockIn(timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));
}

function zoneIn(timeZone: string, iso: string): string {
  return clockIn(timeZone, iso).split(" ")[1] ?? "";
}

async function open(context: BrowserContext, live: boolean): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/live/${slug}`);
  if (live) {
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected", null, {
      timeout: 20_000,
    });
  }
  expect(errors).toEqual([]);
  return page;
}

const postTime = (page: Page, id: string) => page.locator(`#post-${id} .post-time time`);

describe("times on a Berlin blog read in New York", () => {
  it("are New York times with the zone named once the script runs, live posts too", async () => {
    const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
    const page = await open(context, true);
    const newYork = clockIn("America/New_York", first.publishedAt);
    const berlin = clockIn("Europe/Berlin", first.publishedAt);
    // December or July, New York is six hours behind Berlin: the rewrite is not a no-op.
    expect(newYork).toMatch(/^\d\d:\d\d (EST|EDT|GMT-5|GMT-4)$/);
    expect(newYork).not.toBe(berlin);

    const stamp = postTime(page, first.id);
    expect(await stamp.textContent()).toBe(newYork);
    expect(await stamp.getAttribute("datetime")).toBe(first.publishedAt);
    // The blog's own time stays at hand, zone named.
    expect(await stamp.getAttribute("title")).toMatch(
      new RegExp(`${berlin.split(" ")[0]} ${zoneIn("Europe/Berlin", first.publishedAt)}$`),
    );
    expect(await page.locator(`#key-${first.id} time`).textContent()).toBe(newYork);
    expect(await page.locator(".times-zone").textContent()).toBe(
      `Times are your local time (${zoneIn("America/New_York", new Date().toISOString())}).`,
    );

    const arriving = await publish("First results are in.");
    const live = postTime(page, arriving.id);
    await live.waitFor({ timeout: 20_000 });
    expect(await live.textContent()).toBe(clockIn("America/New_York", arriving.publishedAt));
    expect(await live.getAttribute("title")).toContain(
      zoneIn("Europe/Berlin", arriving.publishedAt),
    );
    await context.close();
  });

  it("are Berlin times, zone named and labelled, with JavaScript off", async () => {
    const context = await browser.newContext({
      timezoneId: "America/New_York",
      locale: "en-US",
      javaScriptEnabled: false,
    });
    const page = await open(context, false);
    expect(await postTime(page, first.id).textContent()).toBe(
      clockIn("Europe/Berlin", first.publishedAt),
    );
    expect(await page.locator(".times-zone").textContent()).toMatch(
      /^Times are Berlin time \((CET|CEST)\)\.$/,
    );
    await context.close();
  });

  it("stay as the server wrote them for a reader in Berlin", async () => {
    const context = await browser.newContext({ timezoneId: "Europe/Berlin", locale: "en-GB" });
    const page = await open(context, true);
    expect(await postTime(page, first.id).textContent()).toBe(
      clockIn("Europe/Berlin", first.publishedAt),
    );
    expect(await page.locator(".times-zone").textContent()).toMatch(/^Times are Berlin time/);
    await context.close();
  });

  it("are New York times with the zone named on the permalink, history, search and both embeds", async () => {
    const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
    const newYork = clockIn("America/New_York", first.publishedAt);

    // The post's own page too.
    const permalink = await context.newPage();
    await permalink.goto(`${server.url}/live/${slug}/posts/${first.id}`);
    await expect.poll(() => postTime(permalink, first.id).textContent()).toBe(newYork);

    // The post's history and the blog's search page, once the script runs.
    const history = await context.newPage();
    await history.goto(`${server.url}/live/${slug}/posts/${first.id}/history`);
    await expect.poll(() => postTime(history, first.id).textContent()).toBe(newYork);
    const search = await context.newPage();
    await search.goto(`${server.url}/live/${slug}/search?q=polls`);
    await expect
      .poll(() => search.locator(".search-result time").first().textContent())
      .toContain(newYork);

    const framed = await context.newPage();
    await framed.goto(`${server.url}/live/${slug}/embed`);
    await framed.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      null,
      { timeout: 20_000 },
    );
    expect(await postTime(framed, first.id).textContent()).toBe(newYork);

    // A partner's page on another origin, holding the script embed.
    const partner = await context.newPage();
    const host = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><title>Partner</title></head><body>
<div id="embed" data-dispatch-blog="${slug}"></div>
<script async src="${server.url}/embed.js"></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => host.close(() => resolve())));
    const errors: string[] = [];
    partner.on("pageerror", (error) => errors.push(error.message));
    await partner.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
    const stamp = () =>
      partner.evaluate(
        (id) =>
          document.querySelector("#embed")?.shadowRoot?.querySelector(`#post-${id} time`)
            ?.textContent ?? "",
        first.id,
      );
    await expect.poll(stamp, { timeout: 10_000 }).not.toBe("");
    expect(await stamp()).toBe(newYork);
    // The arrival drawn live by the script is in New York time as well.
    const arriving = await publish("Turnout is high.");
    const arrived = () =>
      partner.evaluate(
        (id) =>
          document.querySelector("#embed")?.shadowRoot?.querySelector(`#post-${id} time`)
            ?.textContent ?? "",
        arriving.id,
      );
    await expect.poll(arrived, { timeout: 20_000 }).not.toBe("");
    expect(await arrived()).toBe(clockIn("America/New_York", arriving.publishedAt));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("are New York times with the zone named for readers' comments, drawn or arriving", async () => {
    const set = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor,
      body: { comments: "post" },
    });
    expect(set.status).toBe(200);
    const comment = async (text: string) => {
      const made = await server.api("POST", `/api/blogs/${slug}/comments`, {
        body: { name: "Reader", text },
      });
      expect(made.status).toBe(201);
      const listed = await server.api("GET", `/api/blogs/${slug}/comments`);
      const found = (
        listed.json.comments as { text: string; id: string; createdAt: string }[]
      ).find((each) => each.text === text);
      if (!found) throw new Error(`comment "${text}" not listed`);
      return found;
    };
    const earlier = await comment("Where do I vote?");

    // Without JavaScript the comment's time is Berlin's, zone named.
    const still = await browser.newContext({
      timezoneId: "America/New_York",
      javaScriptEnabled: false,
    });
    const plain = await open(still, false);
    expect(await plain.locator(`#comment-${earlier.id} time`).textContent()).toContain(
      clockIn("Europe/Berlin", earlier.createdAt),
    );
    await still.close();

    const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
    const page = await open(context, true);
    expect(await page.locator(`#comment-${earlier.id} time`).textContent()).toContain(
      clockIn("America/New_York", earlier.createdAt),
    );
    const arriving = await comment("Queues are long.");
    const drawn = page.locator(`#comment-${arriving.id} time`);
    await drawn.waitFor({ timeout: 20_000 });
    expect(await drawn.textContent()).toContain(clockIn("America/New_York", arriving.createdAt));
    await context.close();
  });
});
