// Reach in real Chromium: the "new updates" prompt comes before the posts in the tab order
// (a keyboard reader at the top of the stream meets it first), and axe-core finds nothing on
// the reader page, the lite page, the embed page and the search page (with results and
// without), nor on the other pages a reader reaches from them: a corrected post's own page and
// its version history, the key-events, tagged and day views, the lite page and the figures
// page, with a gallery, embeds, a source line and the figures box, and the same coverage in
// Arabic, right to left;
// and the reader's pages in the dark colour scheme. axe runs under each page's own policy
// (test/helpers/axe.ts).

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let editor: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  editor = await server.tokenFor("editor", "Desk Editor");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "reach", title: "Flooding in the valley", summary: "What is happening" },
  });
  // The readers' contribution form is on the page, so axe reads it too (opened below).
  await server.api("PATCH", "/api/blogs/reach", {
    token: editor,
    body: { contributions: { enabled: true } },
  });
  // Polls, open with a closing time and already closed, so axe reads both forms of them.
  for (const closesAt of [new Date(Date.now() + 86_400_000), new Date(Date.now() - 60_000)]) {
    const poll = await server.api("POST", "/api/blogs/reach/posts", {
      token: editor,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Has the water reached your street?",
            answers: [{ text: "Yes" }, { text: "No" }],
            closesAt: closesAt.toISOString(),
          },
        ],
      },
    });
    expect(poll.status).toBe(201);
  }
  for (let i = 0; i < 10; i++) {
    await server.api("POST", "/api/blogs/reach/posts", {
      token: editor,
      body: {
        title: `Earlier update ${i}`,
        keyEvent: i === 3,
        blocks: [
          paragraph(
            `Paragraph of update ${i}, with [a link](https://example.com/${i}). `.repeat(8),
          ),
          { type: "quote", text: "The water came in overnight.", cite: "A resident" },
          { type: "list", ordered: false, items: ["Roads closed", "Schools shut"] },
        ],
      },
    });
  }
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function openLive(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    {
      timeout: 15_000,
    },
  );
  return page;
}

/** What has the keyboard focus, named for the assertions. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "none";
    if (el.matches("button.new-updates")) return "prompt";
    const article = el.closest("article");
    return article ? `post ${article.id}` : `${el.tagName.toLowerCase()} ${el.textContent?.trim()}`;
  });

describe("reach", () => {
  it("puts the new-updates prompt before the posts in the tab order", async () => {
    const page = await openLive("/live/reach");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 1000);
    const published = await server.api("POST", "/api/blogs/reach/posts", {
      token: editor,
      body: { title: "While you were reading", blocks: [paragraph("News")] },
    });
    const prompt = page.locator("button.new-updates");
    await prompt.waitFor({ state: "visible", timeout: 10_000 });

    // The reader moves to the top of the stream, the first post just in view, and goes back
    // one step with the keyboard: the prompt is there, before the posts.
    const firstPost = await page.evaluate(() => {
      const first = document.querySelector<HTMLElement>("#updates article")!;
      window.scrollTo(0, window.scrollY + first.getBoundingClientRect().top + 40);
      first.focus({ preventScroll: true });
      return first.id;
    });
    expect(await prompt.isVisible()).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("prompt");
    // And on from it, the first post's own links.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe(`post ${firstPost}`);

    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await page.locator(`article#post-${published.json.id}`).waitFor({ timeout: 10_000 });
    await page.close();
  });

  // Generous: axe over four pages takes long on a loaded machine.
  it("finds no accessibility violations on the reader, lite and embed pages", {
    timeout: 150_000,
  }, async () => {
    const reader = await openLive("/live/reach");
    // Both polls are there for axe to read: one saying when it closes, one closed.
    expect(await reader.locator("form.poll .poll-closes").count()).toBe(1);
    expect(await reader.locator("div.poll-closed .poll-status").count()).toBe(1);
    expect(await axeViolations(reader)).toEqual([]);
    // The contribution form, opened and enabled by its script, as a reader fills it in.
    await reader.locator("details.contribute summary").click();
    await reader.waitForFunction(
      () => !document.querySelector<HTMLFieldSetElement>(".contribute-fields")?.disabled,
    );
    expect(await axeViolations(reader)).toEqual([]);
    await reader.close();

    // Readers' comments under the posts: a thread with a reply, the forms and report buttons.
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "reach-comments", title: "Flooding, with comments" },
    });
    await server.api("PATCH", "/api/blogs/reach-comments", {
      token: editor,
      body: { comments: "post" },
    });
    const first = await server.api("POST", "/api/blogs/reach-comments/comments", {
      body: { name: "Mira", text: "Is the bypass open?" },
    });
    await server.api("POST", "/api/blogs/reach-comments/comments", {
      body: { name: "Jon", text: "Since noon.", parentId: first.json.id },
    });
    const commented = await openLive("/live/reach-comments");
    await commented.locator("#comment-list .comment-replies .comment").waitFor();
    expect(await axeViolations(commented)).toEqual([]);
    await commented.close();

    const lite = await context.newPage();
    await lite.goto(`${server.url}/live/reach/lite`);
    expect(await axeViolations(lite)).toEqual([]);
    // The lite page links back to the full one.
    await lite.getByRole("link", { name: "Full version" }).click();
    await lite.waitForURL(`${server.url}/live/reach`);
    await lite.close();

    const embed = await openLive("/live/reach/embed");
    await embed.locator("details.contribute summary").click();
    expect(await axeViolations(embed)).toEqual([]);
    await embed.close();
  });

  it("finds no accessibility violations on the search page, with results and with none", {
    timeout: 150_000,
  }, async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/live/reach/search?q=${encodeURIComponent("water overnight")}`);
    // The results are there (so axe looks at them, marked matches and all), then none.
    expect(await page.locator("main article, main li").count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/live/reach/search?q=zeppelin`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/live/reach/search`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("finds no accessibility violations on a post's page, its history and the other views", {
    timeout: 150_000,
  }, async () => {
    const seen: Record<string, string[]> = {};
    for (const language of ["en", "ar"]) {
      const slug = `reach-views-${language}`;
      const made = await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug, title: "Flooding, day two", language },
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      // A continuing story: the links to the blog before are on its pages too.
      await server.api("PATCH", `/api/blogs/${slug}`, {
        token: editor,
        body: { previousBlog: "reach" },
      });
      const figure = await server.api("POST", `/api/blogs/${slug}/figures`, {
        token: editor,
        body: {
          label: "Evacuated",
          values: [
            {
              value: 300,
              unit: "people",
              source: { name: "Police" },
              asOf: "2026-05-01T09:00:00Z",
            },
            {
              value: 420,
              unit: "people",
              source: { name: "Red Cross" },
              asOf: "2026-05-01T10:00:00Z",
            },
          ],
        },
      });
      expect(figure.status, JSON.stringify(figure.json)).toBe(201);
      const posted = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: {
          title: "The harbour",
          keyEvent: true,
          tags: ["Harbour"],
          source: { text: "via the coastguard", url: "https://coastguard.example/" },
          verification: { state: "unconfirmed", note: "One witness so far" },
          blocks: [
            paragraph("Boats are moored in the street."),
            {
              type: "gallery",
              images: [1, 2].map((n) => ({
                src: `https://images.example/harbour-${n}.jpg`,
                alt: `The harbour, photo ${n}`,
                caption: `Photo ${n}`,
                credit: "Desk",
              })),
            },
            { type: "embed", url: "https://youtu.be/abcdefghijk" },
            { type: "embed", url: "https://t.me/durov/123" },
          ],
        },
      });
      expect(posted.status, JSON.stringify(posted.json)).toBe(201);
      const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${posted.json.id}`, {
        token: editor,
        body: {
          version: posted.json.version,
          blocks: [paragraph("Boats are moored in two streets.")],
          correction: "An earlier version said one street.",
        },
      });
      expect(corrected.status, JSON.stringify(corrected.json)).toBe(200);
      await server.api("PATCH", `/api/blogs/${slug}/figures/${figure.json.id}`, {
        token: editor,
        body: { values: [{ ...figure.json.values[0], value: 350 }, figure.json.values[1]] },
      });
      const day = String(corrected.json.publishedAt).slice(0, 10);
      const pages: [string, string, string][] = [
        ["live page", `/live/${slug}`, "Boats are moored"],
        ["post page", `/live/${slug}/posts/${posted.json.id}`, "Boats are moored"],
        ["version history", `/live/${slug}/posts/${posted.json.id}/history`, "Boats are moored"],
        ["key events", `/live/${slug}?keyEvents=1`, "Boats are moored"],
        ["tagged", `/live/${slug}?tag=harbour`, "Boats are moored"],
        ["day archive", `/live/${slug}/${day}`, "Boats are moored"],
        ["lite page", `/live/${slug}/lite`, "Boats are moored"],
        ["figures page", `/live/${slug}/figures`, "Red Cross"],
      ];
      for (const [name, path, words] of pages) {
        const page = await context.newPage();
        const answer = await page.goto(`${server.url}${path}`);
        expect(answer?.status(), path).toBe(200);
        // Each view holds the post, so axe reads its gallery, embeds and source line.
        expect(await page.locator("main").textContent(), path).toContain(words);
        // The figures' and versions' earlier values open, so axe reads them too.
        for (const summary of await page.locator("details:not(.contribute) > summary").all()) {
          await summary.click();
        }
        seen[`${name} (${language})`] = await axeViolations(page);
        await page.close();
      }
    }
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((name) => [name, []])));
  });

  it("finds no accessibility violations in the dark colour scheme either", {
    timeout: 150_000,
  }, async () => {
    const dark = await browser.newContext({
      colorScheme: "dark",
      viewport: { width: 390, height: 800 },
    });
    const seen: Record<string, string[]> = {};
    for (const path of [
      "/live/reach",
      "/live/reach/embed",
      "/live/reach/search?q=water",
      "/live/reach?keyEvents=1",
    ]) {
      const page = await dark.newPage();
      await page.goto(`${server.url}${path}`);
      await page.locator("main").first().waitFor();
      seen[path] = await axeViolations(page);
      await page.close();
    }
    await dark.close();
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((path) => [path, []])));
  });
});
