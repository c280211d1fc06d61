// The desk's numbers in Chromium: a reader opens the live page and an update's permalink and
// copies its link (the share control's beacon), a partner's page frames the embed; the editor
// opens "Numbers" from the desk and sees the readers chart (with its table), the update with
// its opens and shares linking to the post, and the partner's host page. No cookie is set on
// the reader's browser by any of it; axe-core finds nothing on the screen with its numbers
// shown. A reporter is not offered the screen.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let partnerSite: Server;
let partnerUrl: string;
const slug = "quake-numbers";

beforeAll(async () => {
  await ensureEditorBuilt();
  [server, browser] = await Promise.all([
    startTestServer({ env: { NUMBERS_FLUSH_MS: "200", READERS_SAMPLE_MS: "200" } }),
    launchBrowser(),
  ]);
  editor = await server.userFor("editor", "Eda Editor");
  partnerSite = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>Partner</title><iframe title="Live" src="${server.url}/live/${slug}/embed"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => partnerSite.listen(0, "127.0.0.1", resolve));
  partnerUrl = `http://localhost:${(partnerSite.address() as AddressInfo).port}`;
  await server.api("POST", "/api/blogs", {
    token: editor.token,
    body: { slug, title: "Earthquake in the north" },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => partnerSite?.close(resolve));
});

describe("the desk's numbers", () => {
  it("shows readers over time, the top update and the embed's host page", async () => {
    const post = (
      await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor.token,
        body: { title: "Aftershock felt in the capital", blocks: [paragraph("Buildings swayed.")] },
      })
    ).json;

    // A reader: the live page (a live reader), the update's permalink, and "Copy link".
    const reader = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const live = await reader.newPage();
    await live.goto(`${server.url}/live/${slug}`);
    await live.waitForFunction(() => document.documentElement.dataset.live === "connected", null, {
      timeout: 20_000,
    });
    const permalink = await reader.newPage();
    await permalink.goto(`${server.url}/live/${slug}/posts/${post.id}`);
    const control = permalink.locator(`#post-${post.id} .share`).first();
    // The post's own page shows its share control open.
    await control.locator(".share-copy").click();
    await expect.poll(() => control.locator(".share-status").textContent()).toBe("Link copied");

    // A partner's article framing the embed, from another origin: "localhost", where the
    // newsroom's server is 127.0.0.1. Its Referer names the partner's page.
    const partner = await reader.newPage();
    await partner.goto(`${partnerUrl}/world/quake?ref=home`);
    await partner
      .frameLocator("iframe")
      .getByText("Aftershock felt in the capital")
      .first()
      .waitFor();

    // Counted in memory, written a moment later.
    await expect
      .poll(
        async () => {
          const n = (await server.api("GET", `/api/blogs/${slug}/numbers`, { token: editor.token }))
            .json;
          return [n.topUpdates[0]?.shares, n.embeds[0]?.host, n.readers.at(-1)?.readers > 0];
        },
        { timeout: 20_000 },
      )
      .toEqual([1, "localhost", true]);
    expect(await reader.cookies()).toEqual([]);

    const { page } = await signedIn(browser, server, editor);
    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByRole("link", { name: "Numbers" }).click();
    await page.getByRole("heading", { name: "Numbers: Earthquake in the north" }).waitFor();

    const chart = page.getByRole("img", { name: "Readers over time" });
    await chart.waitFor();
    expect(await chart.locator("path.chart-line").getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L/);
    await page.getByText("Readers as a table").click();
    const newest = page.locator(".chart-table tbody tr").first();
    expect(Number(await newest.locator("td").textContent())).toBeGreaterThan(0);

    const updates = page.getByRole("region", { name: "Top updates" });
    const link = updates.getByRole("link", { name: "Aftershock felt in the capital" });
    expect(await link.getAttribute("href")).toBe(`/live/${slug}/posts/${post.id}`);
    await updates.getByText("1 open, 1 share").waitFor();

    const embeds = page.getByRole("region", { name: "Embeds by host page" });
    const row = embeds.getByRole("row", { name: /localhost/ });
    expect(await row.getByRole("cell").textContent()).toBe("1");
    // With the chart drawn and its table open.
    expect(await axeViolations(page)).toEqual([]);

    await reader.close();
  }, 120_000);

  it("is not offered to a reporter", async () => {
    const reporter = await server.userFor("reporter", "Rita Reporter");
    const { page } = await signedIn(browser, server, reporter);
    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByText("Live updates on").waitFor();
    expect(await page.getByRole("link", { name: "Numbers" }).count()).toBe(0);
    // The address itself opens the desk, not the numbers (the API refuses them too).
    await page.goto(`${server.url}/admin/blogs/${slug}/numbers`);
    await page.getByText("Live updates on").waitFor();
    expect(await page.getByRole("heading", { name: /^Numbers:/ }).count()).toBe(0);
  }, 60_000);
});
