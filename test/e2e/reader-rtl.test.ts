// Right-to-left blogs in real Chromium: an Arabic blog's pages say dir="rtl" and are laid out
// as the mirror of an English one with the same content, at the same viewport: the masthead
// title, a post's time, the key-events list, the figures box and the pinned post's bar hug
// the right edge where the English ones hug the left; the same for the lite and embed pages,
// and the script embed's box. A gallery's "next" lies on the left and moves left, by button
// and by arrow key.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let token: string;
const BLOGS = { en: "mirror-en", ar: "mirror-ar" } as const;
type Language = keyof typeof BLOGS;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  token = await server.tokenFor("editor");
  const images = [];
  for (const turn of [0, 90, 180]) {
    images.push(await uploadImage(server.url, token, await drawJpeg(600, 400, turn)));
  }
  for (const [language, slug] of Object.entries(BLOGS)) {
    const blog = await server.api("POST", "/api/blogs", {
      token,
      body: { slug, title: "Election night", summary: "Results as they come", language },
    });
    expect(blog.status).toBe(201);
    const figure = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token,
      body: {
        label: "Turnout",
        values: [
          { value: 61, unit: "%", source: { name: "Commission" }, asOf: new Date().toISOString() },
        ],
      },
    });
    expect(figure.status).toBe(201);
    const posts = [
      { title: "Polls close", blocks: [paragraph("Counting begins.")], keyEvent: true },
      {
        title: "Pictures",
        blocks: [
          {
            type: "gallery",
            images: images.map((image, i) => ({ src: image.src, alt: `Photo ${i + 1}` })),
          },
        ],
      },
      { title: "Read this first", blocks: [paragraph("How the count works.")], pinned: true },
    ];
    for (const body of posts) {
      const post = await server.api("POST", `/api/blogs/${slug}/posts`, { token, body });
      expect(post.status).toBe(201);
    }
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}${path}`, { waitUntil: "load" });
  expect(errors).toEqual([]);
  return page;
}

interface Edges {
  /** From the viewport's left edge to the box's left edge, and from its right edge to the viewport's. */
  left: number;
  right: number;
  width: number;
}

/** Where the first match's box lies; `text`: the box of its words, not of the block. */
function edges(page: Page, selector: string, text = false): Promise<Edges> {
  return page
    .locator(selector)
    .first()
    .evaluate((node, text) => {
      let box = node.getBoundingClientRect();
      if (text) {
        const range = document.createRange();
        range.selectNodeContents(node);
        box = range.getBoundingClientRect();
      }
      const viewport = document.documentElement.clientWidth;
      return { left: box.left, right: viewport - box.right, width: box.width };
    }, text);
}

/** The English box hugs the left, the Arabic one the right, as far from it. */
function expectMirrored(en: Edges, ar: Edges, what: string) {
  expect(en.width, what).toBeGreaterThan(0);
  expect(ar.width, what).toBeGreaterThan(0);
  expect(Math.abs(ar.right - en.left), `${what}: ${JSON.stringify({ en, ar })}`).toBeLessThan(2);
  expect(en.left, what).toBeLessThan(en.right);
  expect(ar.right, what).toBeLessThan(ar.left);
}

async function pair(path: (slug: string) => string): Promise<Record<Language, Page>> {
  const [en, ar] = await Promise.all([open(path(BLOGS.en)), open(path(BLOGS.ar))]);
  return { en, ar };
}

const dir = (page: Page) => page.evaluate(() => document.documentElement.getAttribute("dir"));

describe("an Arabic blog, read right to left", () => {
  it("mirrors the live page", async () => {
    const pages = await pair((slug) => `/live/${slug}`);
    expect(await dir(pages.en)).toBe("ltr");
    expect(await dir(pages.ar)).toBe("rtl");
    for (const [selector, text] of [
      ["#headline", true],
      ["#updates .post-time", false],
      [".key-events time", false],
      ["#figures dt", true],
      ["#figures h2", true],
      [".times-zone", true],
    ] as const) {
      expectMirrored(
        await edges(pages.en, selector, text),
        await edges(pages.ar, selector, text),
        selector,
      );
    }
    // The pinned post's bar and a key event's are on the start side.
    const bars = (page: Page) =>
      page.evaluate(() => {
        const pinned = getComputedStyle(document.querySelector(".pinned .post") as Element);
        const key = getComputedStyle(document.querySelector("#updates .is-key-event") as Element);
        return { left: pinned.borderLeftWidth, right: pinned.borderRightWidth, key: key.boxShadow };
      });
    expect(await bars(pages.en)).toMatchObject({ left: "4px", right: "0px" });
    expect((await bars(pages.en)).key).toMatch(/\) 3px 0px 0px 0px inset$/);
    expect(await bars(pages.ar)).toMatchObject({ left: "0px", right: "4px" });
    expect((await bars(pages.ar)).key).toMatch(/\) -3px 0px 0px 0px inset$/);
    // The "new updates" prompt stays centred either way.
    for (const page of Object.values(pages)) {
      await page.evaluate(() => {
        const prompt = document.querySelector(".new-updates") as HTMLElement;
        prompt.textContent = "2 new updates";
        prompt.hidden = false;
      });
      const prompt = await edges(page, ".new-updates");
      expect(Math.abs(prompt.left - prompt.right)).toBeLessThan(2);
    }
    await Promise.all(Object.values(pages).map((page) => page.close()));
  }, 60_000);

  it("moves a gallery towards the left for the next picture, by button and by arrow key", async () => {
    const page = await open(`/live/${BLOGS.ar}`);
    await page.locator(".gallery-nav").waitFor({ state: "visible", timeout: 15_000 });
    const prev = await edges(page, ".gallery-prev");
    const next = await edges(page, ".gallery-next");
    // The first picture's button on the right, the next one's on the left.
    expect(next.left).toBeLessThan(prev.left);
    expect(await page.locator(".gallery-prev").isDisabled()).toBe(true);
    /** Which figure fills the scroller, counted from the first. */
    const shown = () =>
      page.locator(".gallery-track").evaluate((track) => {
        const box = track.getBoundingClientRect();
        return [...track.children].findIndex((figure) => {
          const r = figure.getBoundingClientRect();
          return r.left >= box.left - 1 && r.right <= box.right + 1;
        });
      });
    expect(await shown()).toBe(0);
    await page.locator(".gallery-next").click();
    await expect.poll(shown, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator(".gallery-count").textContent()).toBe("2 / 3");
    // The second picture came in from the left.
    const [first, second] = await page
      .locator(".gallery-item")
      .evaluateAll((items) => items.slice(0, 2).map((item) => item.getBoundingClientRect().left));
    expect(second).toBeLessThan(first ?? 0);
    // The left arrow moves left: on to the third picture; the right arrow back.
    await page.locator(".gallery-track").focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(shown, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.locator(".gallery-next").isDisabled()).toBe(true);
    await page.keyboard.press("ArrowRight");
    await expect.poll(shown, { timeout: 10_000 }).toBe(1);
    await page.locator(".gallery-prev").click();
    await expect.poll(shown, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator(".gallery-count").textContent()).toBe("1 / 3");
    await page.close();
  }, 60_000);

  it("mirrors the lite page and the embed page", async () => {
    const lite = await pair((slug) => `/live/${slug}/lite`);
    expect(await dir(lite.ar)).toBe("rtl");
    for (const [selector, text] of [
      ["h1", true],
      ["article .m a", false],
    ] as const) {
      expectMirrored(
        await edges(lite.en, selector, text),
        await edges(lite.ar, selector, text),
        `lite ${selector}`,
      );
    }
    const embed = await pair((slug) => `/live/${slug}/embed`);
    expect(await dir(embed.ar)).toBe("rtl");
    for (const selector of [".live-badge", "#updates .post-time"]) {
      expectMirrored(
        await edges(embed.en, selector),
        await edges(embed.ar, selector),
        `embed ${selector}`,
      );
    }
    await Promise.all(
      [...Object.values(lite), ...Object.values(embed)].map((page) => page.close()),
    );
  }, 60_000);

  it("gives the script embed's box the blog's direction, whatever the host page's", async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    // A host page of the server's own origin will do: the box is in a shadow root either way.
    await page.goto(`${server.url}/live/${BLOGS.en}/search`);
    await page.evaluate(
      ({ url, slugs }) => {
        for (const slug of slugs) {
          const host = document.createElement("div");
          host.dataset.dispatchBlog = slug;
          host.id = slug;
          document.body.append(host);
        }
        const script = document.createElement("script");
        script.src = `${url}/embed.js`;
        document.body.append(script);
      },
      { url: server.url, slugs: Object.values(BLOGS) },
    );
    const boxDir = (slug: string) =>
      page.evaluate(
        (slug) =>
          document
            .getElementById(slug)
            ?.shadowRoot?.querySelector(".dispatch-embed")
            ?.getAttribute("dir") ?? null,
        slug,
      );
    await expect.poll(() => boxDir(BLOGS.ar), { timeout: 15_000 }).toBe("rtl");
    expect(await boxDir(BLOGS.en)).toBe("ltr");
    await page.close();
  }, 60_000);
});
