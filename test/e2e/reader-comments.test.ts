// Readers' comments in real Chromium: a reader comments through the live page's own form (the
// page comes back saying the comment waits), an editor approves it on the newsroom's
// moderation screen, where it arrived live, and it appears live, as text, in a second
// reader's open page; rejected later, it leaves that page live too. No policy refusals or
// script errors on either side.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, openPage, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
const slug = "quay-fire";

beforeAll(async () => {
  await ensureEditorBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.userFor("editor", "Edie Editor");
  await server.api("POST", "/api/blogs", {
    token: editor.token,
    body: { slug, title: "Fire at the quay" },
  });
  const set = await server.api("PATCH", `/api/blogs/${slug}`, {
    token: editor.token,
    body: { comments: "pre" },
  });
  expect(set.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a reader's comment", () => {
  it("is sent from the page, approved on the desk and appears live for another reader", {
    timeout: 240_000,
  }, async () => {
    const words = "Is the <b>ferry</b> still running tonight?";
    // The second reader's page is open, following the blog, before anything happens.
    const watcher = await openPage(browser);
    // A busy machine answers slowly: each step may wait longer than the helpers' default.
    watcher.context.setDefaultTimeout(30_000);
    await watcher.page.goto(`${server.url}/live/${slug}`);
    await watcher.page.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      null,
      { timeout: 30_000 },
    );
    expect(await watcher.page.locator("#no-comments").isVisible()).toBe(true);

    // The editor's moderation screen is open too: the comment arrives there live.
    const desk = await signedIn(browser, server, editor);
    desk.context.setDefaultTimeout(30_000);
    await desk.page.goto(`${server.url}/admin/blogs/${slug}/comments`);
    await desk.page.getByText("No comment is waiting.").waitFor();
    await desk.page.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });

    const reader = await openPage(browser);
    reader.context.setDefaultTimeout(30_000);
    await reader.page.goto(`${server.url}/live/${slug}`);
    const form = reader.page.locator("#comment-form");
    await form.getByLabel("Your name").fill("Mira");
    await form.getByLabel("Your comment").fill(words);
    await form.getByRole("button", { name: "Post comment" }).click();
    await reader.page.waitForURL(/#comment-held$/);
    await expect
      .poll(() => reader.page.locator("#comment-held").isVisible(), { timeout: 20_000 })
      .toBe(true);
    // Nothing public yet: not on the page the reader came back to.
    expect(await reader.page.locator("#comment-list").textContent()).not.toContain("ferry");

    const queued = desk.page.locator(".queued-comment", { hasText: "ferry" });
    await queued.waitFor({ timeout: 30_000 });
    await queued.getByRole("button", { name: "Approve the comment by Mira" }).click();
    await desk.page.getByText("No comment is waiting.").waitFor({ timeout: 20_000 });

    const drawn = watcher.page.locator("#comment-list .comment", { hasText: "ferry" });
    await drawn.waitFor({ timeout: 30_000 });
    // The words as text, never as markup.
    expect(await drawn.locator(".comment-text").textContent()).toBe(words);
    expect(await drawn.locator(".comment-text b").count()).toBe(0);
    expect(await drawn.locator(".comment-name").textContent()).toBe("Mira");
    expect(await drawn.locator("form.comment-report button").textContent()).toBe("Report abuse");
    expect(await watcher.page.locator("#no-comments").isVisible()).toBe(false);

    // Rejected afterwards, it leaves the open page live.
    const id = (await drawn.getAttribute("id"))?.replace("comment-", "") ?? "";
    const rejected = await server.api("POST", `/api/blogs/${slug}/comments/${id}/reject`, {
      token: editor.token,
    });
    expect(rejected.status).toBe(200);
    await expect
      .poll(() => watcher.page.locator(`#comment-${id}`).count(), { timeout: 30_000 })
      .toBe(0);

    expect([...watcher.problems, ...reader.problems, ...desk.problems]).toEqual([]);
    await Promise.all([watcher.context.close(), reader.context.close(), desk.context.close()]);
  });
});
