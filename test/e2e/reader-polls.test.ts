// A poll in real Chromium: a reader votes from the page (with fetch, no reload), a second
// reader's open page (another browser: its own cookies) sees the counts change live, and a
// second vote from the first browser, after a reload, is refused and counts nothing. A page
// open when a poll reaches its closing time sees it close live: the form gives way to the final
// counts and "Voting closed" in the blog's language, as the page reloaded then shows it.

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let editor: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Desk Editor");
}, 60_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function openReader(slug: string): Promise<{ page: Page; errors: string[] }> {
  // Each reader its own browser profile: its own voter cookie.
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${server.url}/live/${slug}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    { timeout: 20_000 },
  );
  return { page, errors };
}

describe("a poll on the reader page", () => {
  it("takes a vote from the page and shows the counts live on another reader's page", async () => {
    const slug = "poll-live";
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Stadium plans", language: "en" },
    });
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Should the stadium be built?",
            answers: [
              { id: "yes", text: "Yes" },
              { id: "no", text: "No" },
            ],
          },
        ],
      },
    });
    expect(made.status).toBe(201);
    const pollId = made.json.blocks[0].id;

    const first = await openReader(slug);
    const second = await openReader(slug);
    const poll = `form.poll[data-poll="${pollId}"]`;
    expect(await second.page.locator(`${poll} .poll-total`).textContent()).toBe("0 votes");

    await first.page.locator(`${poll} input[value="no"]`).check();
    await first.page.locator(`${poll} button`).click();
    // The voter's own page: its counts from the vote's answer, its button done.
    await first.page.locator(`${poll}.poll-voted`).waitFor({ timeout: 10_000 });
    expect(await first.page.locator(`${poll} button`).isDisabled()).toBe(true);
    expect(first.page.url()).toBe(`${server.url}/live/${slug}`);

    // The other reader's page, live.
    await second.page.waitForFunction(
      (selector) => document.querySelector(`${selector} .poll-total`)?.textContent === "1 vote",
      poll,
      { timeout: 20_000 },
    );
    expect(await second.page.locator(`${poll} .poll-votes[data-answer="no"]`).textContent()).toBe(
      "1 vote",
    );
    expect(
      await second.page
        .locator(`${poll} meter[data-answer="no"]`)
        .evaluate((m) => (m as HTMLMeterElement).value),
    ).toBe(1);
    expect(
      await second.page
        .locator(`${poll} meter[data-answer="yes"]`)
        .evaluate((m) => (m as HTMLMeterElement).value),
    ).toBe(0);

    // The first browser again, after a reload: refused, nothing counted.
    await first.page.reload();
    await first.page.locator(`${poll} input[value="yes"]`).check();
    const refused = first.page.waitForResponse((r) =>
      r.url().includes(`/api/polls/${pollId}/votes`),
    );
    await first.page.locator(`${poll} button`).click();
    expect((await refused).status()).toBe(409);
    await first.page.locator(`${poll}.poll-voted`).waitFor({ timeout: 10_000 });
    const post = await server.api("GET", `/api/blogs/${slug}/posts/${made.json.id}`);
    expect(post.json.blocks[0].results).toEqual({ totals: { yes: 0, no: 1 }, total: 1 });

    // Nothing the page did broke its policy or its scripts (the refused vote's 409 aside).
    expect(first.errors.filter((e) => !e.includes("409"))).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it("closes the poll on an open page when its closing time passes: the form goes, the results stay", async () => {
    const slug = "poll-closing";
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Soirée électorale", language: "fr" },
    });
    const closesAt = new Date(Date.now() + 8000).toISOString();
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        blocks: [
          {
            type: "poll",
            question: "La participation dépassera-t-elle 50 % ?",
            answers: [
              { id: "oui", text: "Oui" },
              { id: "non", text: "Non" },
            ],
            closesAt,
          },
        ],
      },
    });
    expect(made.status).toBe(201);
    const pollId = made.json.blocks[0].id;
    const voted = await fetch(`${server.url}/api/polls/${pollId}/votes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ answer: "oui" }),
    });
    expect(voted.status).toBe(200);

    const reader = await openReader(slug);
    const { page } = reader;
    expect(Date.now()).toBeLessThan(Date.parse(closesAt));
    expect(await page.locator(`form.poll[data-poll="${pollId}"] button`).isEnabled()).toBe(true);
    expect(
      await page.locator(`form.poll[data-poll="${pollId}"] .poll-closes`).textContent(),
    ).toMatch(/^Clôture du vote : \d\d:\d\d/);

    const closed = page.locator(`div.poll.poll-closed[data-poll="${pollId}"]`);
    await closed.waitFor({ timeout: 30_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(closesAt));
    expect(await page.locator(`form.poll[data-poll="${pollId}"]`).count()).toBe(0);
    expect(await closed.locator("input, button").count()).toBe(0);
    expect(await closed.locator(".poll-status").textContent()).toBe("Vote clos");
    expect(await closed.locator(".poll-total").textContent()).toBe("1 vote");
    expect(await closed.locator('.poll-votes[data-answer="non"]').textContent()).toBe("0 vote");
    expect(
      await closed
        .locator('meter[data-answer="oui"]')
        .evaluate((m) => (m as HTMLMeterElement).value),
    ).toBe(1);
    const live = await closed.innerText();

    // Reloaded, the page is drawn by the server the same way.
    await page.reload();
    const served = page.locator(`div.poll.poll-closed[data-poll="${pollId}"]`);
    await served.waitFor({ timeout: 10_000 });
    expect(await page.locator(`form.poll[data-poll="${pollId}"]`).count()).toBe(0);
    expect(await served.innerText()).toBe(live);
    expect(reader.errors).toEqual([]);
  }, 60_000);
});
