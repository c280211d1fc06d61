// Following another blog from the blog's settings in Chromium: an editor gives a source blog's
// address on a second server, the panel says it follows and is connected, the source's post
// appears on the follower's reader page with "From <source>", and "Stop following" (after a
// confirmation) ends it while the posts stay.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openPage, signedIn } from "./editor-support.js";

let source: TestServer;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
let sourceToken: string;

beforeAll(async () => {
  await ensureEditorBuilt();
  [source, server] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { FETCH_ALLOW_PRIVATE: "1" } }),
  ]);
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
  sourceToken = await source.tokenFor("editor");
  await makeBlog(source, sourceToken, "agency");
  await source.api("POST", "/api/blogs/agency/posts", {
    token: sourceToken,
    body: { title: "Agency flash", blocks: [paragraph("Polls have closed")] },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([source?.close(), server?.close()]);
});

describe("following another blog from the settings", () => {
  it("follows, shows where posts came from, and stops on request", async () => {
    await makeBlog(server, editor.token, "client");
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await page.goto(`${server.url}/admin/blogs/client/settings`);
    const panel = page.getByRole("region", { name: "Follow another blog" });
    await panel.getByLabel("Source blog's address").fill(`${source.url}/live/agency`);
    await panel.getByRole("button", { name: "Follow" }).click();
    await panel.getByText("Following. New posts from the source appear here.").waitFor();
    await panel.getByText("connected,", { exact: false }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => panel.locator(".follow-state").textContent(), { timeout: 20_000 })
      .toContain("1 post from it");

    const reader = await openPage(browser);
    await reader.page.goto(`${server.url}/live/client`);
    const from = reader.page.locator("article .post-origin a");
    expect(await from.textContent()).toBe("Blog agency");
    expect(await from.getAttribute("href")).toMatch(
      new RegExp(`^${source.url}/live/agency/posts/`),
    );
    // A post published now arrives live, marked the same way.
    await source.api("POST", "/api/blogs/agency/posts", {
      token: sourceToken,
      body: { title: "Second flash", blocks: [paragraph("Turnout is high")] },
    });
    await reader.page.getByRole("heading", { name: "Second flash" }).waitFor({ timeout: 20_000 });
    await reader.page
      .getByRole("button", { name: /new update/ })
      .click()
      .catch(() => {});
    expect(await reader.page.locator("article .post-origin").count()).toBe(2);

    // The desk marks them too.
    await page.goto(`${server.url}/admin/blogs/client`);
    await page.locator(".desk-post .post-origin").first().waitFor();
    expect(await page.locator(".desk-post .post-origin a").first().textContent()).toBe(
      "Blog agency",
    );
    await page.goto(`${server.url}/admin/blogs/client/settings`);
    await panel.getByRole("button", { name: "Stop following" }).click();
    await page
      .getByRole("dialog", { name: "Stop following?" })
      .getByRole("button", { name: "Stop following" })
      .click();
    await panel.getByText("No longer following.").waitFor();
    const status = await server.api("GET", "/api/blogs/client/follow", { token: editor.token });
    expect(status.json).toEqual({ following: false });
    const kept = await server.api("GET", "/api/blogs/client/posts");
    expect(kept.json.posts).toHaveLength(2);
    expect(desk.problems).toEqual([]);
    expect(reader.problems).toEqual([]);
    await reader.context.close();
    await desk.context.close();
  }, 120_000);
});
