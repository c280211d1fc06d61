// Hostile content on the reader's side, in Chromium: the corpus planted through every field
// is rendered on the live page and its older pages, every permalink, every blog's page, the
// blog list, the preview and the not-found pages, and arrives live through the event stream.
// Once under the real Content-Security-Policy and once with the policy switched off (so the
// escaping alone must hold): no vector runs, no dialog opens, the policy refuses nothing, no
// page asks the canary or any unexpected site, and every JSON-LD block still parses.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { type HostileNewsroom, plantCorpus } from "./plant.js";
import {
  type Canary,
  injectedMarkup,
  jsonLdOf,
  startCanary,
  type Watched,
  watchedContext,
} from "./watch.js";
import { type XssVector, xssCorpus } from "./xss-corpus.js";

let server: TestServer;
let browser: Browser;
let canary: Canary;
let corpus: XssVector[];
let newsroom: HostileNewsroom;

beforeAll(async () => {
  [server, browser, canary] = await Promise.all([
    startTestServer(),
    launchBrowser(),
    startCanary(),
  ]);
  corpus = xssCorpus(canary.origin);
  newsroom = await plantCorpus(server, corpus, "reader");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await canary?.close();
});

/** Opens `path`; its JSON-LD must parse and it must hold no injected markup. */
async function visit(watched: Watched, page: Page, path: string, status = 200): Promise<void> {
  const answer = await page.goto(`${server.url}${path}`, { waitUntil: "load" });
  expect(answer?.status(), path).toBe(status);
  await jsonLdOf(page);
  for (const found of await injectedMarkup(page)) watched.problems.push(`${path}: ${found}`);
}

/** Several pages at once, over the same context. */
async function visitAll(watched: Watched, paths: readonly string[], lanes = 2): Promise<void> {
  const pages = await Promise.all(Array.from({ length: lanes }, () => watched.newPage()));
  await Promise.all(
    pages.map(async (page, lane) => {
      for (let i = lane; i < paths.length; i += lanes)
        await visit(watched, page, paths[i] as string);
      await page.close();
    }),
  );
}

/** The corpus packed into a few strings of at most `max` characters. */
function packs(max: number): string[] {
  const out: string[] = [];
  for (const { text } of corpus) {
    const last = out.at(-1);
    if (last !== undefined && last.length + text.length < max)
      out[out.length - 1] = `${last}${text}`;
    else out.push(text);
  }
  return out;
}

describe("the corpus", () => {
  it("has at least 100 distinct vectors, each short enough for every field", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((v) => v.text)).size).toBe(corpus.length);
    for (const vector of corpus) expect(vector.text.length, vector.text).toBeLessThanOrEqual(120);
  });

  it("is refused only where a field checks links, each refusal naming its field", () => {
    const urlVectors = corpus.filter((v) => v.kind === "url").length;
    // Dangerous schemes never get into a URL field (a paragraph's "link" that is not one
    // stays text, which the pages then show as text).
    for (const [field, accepted] of Object.entries(newsroom.acceptedUrls)) {
      if (field === "paragraph link") continue;
      for (const vector of accepted) {
        expect(vector.text, field).toMatch(/^(https:\/\/|http:\/\/|mailto:|\/media\/)/i);
      }
    }
    // No script URL, other site or own-site address becomes an avatar or an imported image.
    expect(newsroom.acceptedUrls["byline avatar"]).toEqual([]);
    expect(newsroom.acceptedUrls["media import url"]).toEqual([]);
    expect(newsroom.refusals.length).toBeGreaterThan(urlVectors);
    for (const refusal of newsroom.refusals) {
      expect(refusal.status, JSON.stringify(refusal)).toBeGreaterThanOrEqual(400);
      expect(refusal.status, JSON.stringify(refusal)).toBeLessThan(500);
      expect(refusal.field, JSON.stringify(refusal)).toBeTruthy();
    }
    // Text fields hold anything, links aside: most of the corpus reaches inline text.
    expect(newsroom.inline.length).toBeGreaterThan(corpus.length * 0.8);
  });
});

// The policy-off pass covers the densest pages (every vector in every post field), where the
// escaping alone must hold; the policy-on pass covers every page.
describe.each([
  { enforceCsp: true, name: "under the Content-Security-Policy", every: true },
  { enforceCsp: false, name: "with the policy switched off", every: false },
])("reader surfaces $name", ({ enforceCsp, every }) => {
  let watched: Watched;
  beforeAll(async () => {
    const { cookie } = await server.signIn(newsroom.admin.email, newsroom.admin.password);
    const imageHosts = [
      ...(newsroom.acceptedUrls["image src"] ?? []),
      ...(newsroom.acceptedUrls["blog hero src"] ?? []),
    ].map((v) => new URL(v.text).hostname);
    watched = await watchedContext(browser, {
      serverUrl: server.url,
      canary,
      enforceCsp,
      cookie,
      imageHosts,
    });
  });
  afterAll(async () => watched?.close());

  it("the live page and every older page show every post's words as written", async () => {
    const page = await watched.newPage();
    let path: string | null = `/live/${newsroom.slug}`;
    const seen: string[] = [];
    while (path) {
      await visit(watched, page, path);
      seen.push(...(await page.locator("article h2.post-title").allTextContents()));
      const older = page.locator("a.older");
      path = (await older.count()) > 0 ? await older.getAttribute("href") : null;
      if (path && seen.length > 1000) throw new Error("older pages never end");
    }
    // Every headline is text on the page, exactly as the newsroom wrote it (trimmed).
    for (const post of [...newsroom.posts, ...newsroom.carriers])
      expect(seen).toContain(post.title);
    await page.close();
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it("the embed page and every older page of it show every post's words as written", async () => {
    const page = await watched.newPage();
    let path: string | null = `/live/${newsroom.slug}/embed?limit=50&accent=%23c00&font=Georgia`;
    const seen: string[] = [];
    while (path) {
      await visit(watched, page, path);
      seen.push(...(await page.locator("article h2.post-title").allTextContents()));
      const older = page.locator("a.older");
      path = (await older.count()) > 0 ? await older.getAttribute("href") : null;
      if (path && seen.length > 1000) throw new Error("older pages never end");
    }
    for (const post of [...newsroom.posts, ...newsroom.carriers])
      expect(seen).toContain(post.title);
    await visit(watched, page, `/live/${newsroom.slug}/embed?keyEvents=1&theme=dark`);
    await page.close();
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it("the lite page and every older page of it show every post's words as written", async () => {
    const page = await watched.newPage();
    let path: string | null = `/live/${newsroom.slug}/lite`;
    const seen: string[] = [];
    while (path) {
      await visit(watched, page, path);
      seen.push(...(await page.locator("article h2").allTextContents()));
      const older = page.locator('a[rel="next"]');
      path = (await older.count()) > 0 ? await older.getAttribute("href") : null;
      if (path && seen.length > 1000) throw new Error("older pages never end");
    }
    for (const post of [...newsroom.posts, ...newsroom.carriers])
      expect(seen).toContain(post.title);
    await page.close();
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it("permalinks, previews, every blog's page and the blog list", async () => {
    const { slug } = newsroom;
    const permalinks = every ? [...newsroom.carriers, ...newsroom.omnibus] : newsroom.omnibus;
    // A preview is the permalink's renderer for a post of any status.
    const previews = [...newsroom.drafts, newsroom.omnibus[0]?.id ?? ""];
    await visitAll(watched, [
      ...permalinks.map((p) => `/live/${slug}/posts/${p.id}`),
      ...previews.map((id) => `/live/${slug}/posts/${id}/preview`),
      ...(every ? newsroom.sideSlugs.map((side) => `/live/${side}`) : []),
      "/live",
    ]);
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it("the not-found and broken-link pages, with vectors in their addresses", async () => {
    const page = await watched.newPage();
    // These pages show fixed words: a broken `before` is never shown, and only the link back
    // to the blog carries the address's slug, so a sample across the families is enough.
    const all = encodeURIComponent(packs(2000)[0] ?? "");
    await visit(watched, page, `/live/${newsroom.slug}?before=${all}`, 400);
    // Path parameters are at most 100 characters (longer is a 414 before any route).
    const short = corpus.filter((v) => encodeURIComponent(v.text).length <= 100);
    for (const vector of short.filter((_, i) => i % (every ? 24 : 72) === 0)) {
      const part = encodeURIComponent(vector.text);
      await visit(watched, page, `/live/${newsroom.slug}?before=${part}`, 400);
      await visit(watched, page, `/live/${part}`, 404);
      await visit(watched, page, `/live/${newsroom.slug}/posts/${part}`, 404);
      await visit(watched, page, `/live/${part}/posts/x/preview`, 404);
    }
    await page.close();
    expect(watched.problems).toEqual([]);
  }, 120_000);

  it("posts and headlines arriving live through the event stream", async () => {
    const page = await watched.newPage();
    await visit(watched, page, `/live/${newsroom.slug}`);
    await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
    const { token } = newsroom.editor;
    const live = corpus.filter((_, i) => i % 12 === (enforceCsp ? 0 : 6));
    for (const vector of live) {
      const answer = await server.api("POST", `/api/blogs/${newsroom.slug}/posts`, {
        token,
        body: {
          title: vector.text,
          blocks: newsroom.inline.slice(0, 20).map((v) => ({ type: "paragraph", text: v.text })),
          bylines: [{ name: vector.text, kind: "person" }],
        },
      });
      expect(answer.status).toBe(201);
      await page.locator(`article#post-${answer.json.id}`).waitFor();
      const renamed = await server.api("PATCH", `/api/blogs/${newsroom.slug}`, {
        token,
        body: { title: `$& $' ${vector.text}` },
      });
      expect(renamed.status).toBe(200);
      await expect.poll(() => page.locator("h1").first().textContent()).toBe(renamed.json.title);
      // The tab's title follows the headline as written ("$&" and all), white space as
      // document.title gives it back.
      const shown = renamed.json.title.replace(/[\t\n\f\r ]+/g, " ").trim();
      await expect.poll(() => page.title()).toBe(shown);
    }
    for (const found of await injectedMarkup(page)) watched.problems.push(found);
    await page.close();
    expect(watched.problems).toEqual([]);
  }, 120_000);
});

describe("the watch itself", () => {
  it("sees a vector run, a dialog open, a policy refusal and a canary request", async () => {
    const watched = await watchedContext(browser, {
      serverUrl: server.url,
      canary,
      enforceCsp: true,
    });
    const page = await watched.newPage();
    await visit(watched, page, `/live/${newsroom.slug}`);
    // Under the policy, injected markup is refused and said so.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML("beforeend", "<img src=x onerror=__xss(0)>"),
    );
    await expect.poll(() => watched.problems.some((p) => p.startsWith("CSP"))).toBe(true);
    // Without it, the same markup runs and is caught, as are dialogs and requests.
    const open = await watchedContext(browser, {
      serverUrl: server.url,
      canary,
      enforceCsp: false,
    });
    const bare = await open.newPage();
    await visit(open, bare, `/live/${newsroom.slug}`);
    await bare.evaluate((origin) => {
      document.body.insertAdjacentHTML(
        "beforeend",
        `<img src=x onerror="__xss(0); alert(0)"><img src="${origin}/probe">`,
      );
    }, canary.origin);
    await expect.poll(() => open.problems.length).toBeGreaterThanOrEqual(3);
    expect(open.problems.join("\n")).toMatch(/vector 0 ran/);
    expect(open.problems.join("\n")).toMatch(/dialog "0"/);
    expect(open.problems.join("\n")).toContain(`to ${canary.origin}/probe`);
    expect(await injectedMarkup(bare)).toEqual([expect.stringMatching(/^onerror on <img/)]);
    await expect.poll(() => canary.hits).toContain("GET /probe");
    await Promise.all([watched.close(), open.close()]);
    // The watch's own probe is the only thing the canary may have heard.
    canary.hits.splice(0, canary.hits.length, ...canary.hits.filter((hit) => hit !== "GET /probe"));
  });

  it("nothing ever reached the canary, the server's own fetches included", () => {
    expect(canary.hits).toEqual([]);
  });
});
