// The small things an editor-in-chief notices on the desk, in Chromium: a signed-out load that
// logs nothing at error level, composer notices that clear once the problem is fixed, and an
// autosaved new post that can be discarded or closed.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  composerBody,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  signedIn,
  typePost,
} from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("signed out", () => {
  it("opens /admin at the sign-in form without a single console error", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Unfiltered on purpose: a failed load (such as a 401) counts as an error here.
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").waitFor();
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Types a new post and waits for its autosave; answers the server draft's id. */
async function autosavedDraft(page: Page, text: string): Promise<string> {
  const created = page.waitForResponse(
    (r) => r.request().method() === "POST" && /\/api\/blogs\/[^/]+\/posts$/.test(r.url()),
  );
  await typePost(page, text);
  const answer = await created;
  expect(answer.status()).toBe(201);
  await page.locator(".save-state", { hasText: "Saved" }).waitFor();
  return ((await answer.json()) as { id: string }).id;
}

/** Copies of unsent words this page keeps on the device (the quick localStorage copies). */
const deviceCopies = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage).filter((name) => name.startsWith("dispatch-newsroom:draft:")),
  );

describe("an autosaved new post", () => {
  it("can be discarded: gone from the server and from this device", async () => {
    const slug = `discard-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const composer = page.locator(".composer");
    expect(await composer.getByRole("button", { name: "Discard draft" }).count()).toBe(0);
    expect(await composer.getByRole("button", { name: "Close" }).count()).toBe(0);

    const id = await autosavedDraft(page, "Pylon down near the bridge.");
    await composer.getByRole("button", { name: "Discard draft" }).click();
    // Asked first; cancelling keeps it.
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(
      (await server.api("GET", `/api/blogs/${slug}/posts/${id}`, { token: editor.token })).status,
    ).toBe(200);

    await composer.getByRole("button", { name: "Discard draft" }).click();
    await dialog.getByRole("button", { name: "Discard draft" }).click();
    await page.getByText("Draft discarded.").waitFor();
    expect(
      (await server.api("GET", `/api/blogs/${slug}/posts/${id}`, { token: editor.token })).status,
    ).toBe(404);
    expect(await composerBody(page).textContent()).toBe("");
    expect(await deviceCopies(page)).toEqual([]);
    // Nothing comes back as unsent work after a reload either (IndexedDB included).
    await page.reload();
    await page.getByText("Live updates on").waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText("Unsent work on this device").count()).toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("can be closed, keeping the draft", async () => {
    const slug = `close-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const id = await autosavedDraft(page, "Road reopened at six.");
    await page.locator(".composer").getByRole("button", { name: "Close" }).click();
    await page.locator(".composer h2", { hasText: "New post" }).waitFor();
    expect(await composerBody(page).textContent()).toBe("");
    const kept = await server.api("GET", `/api/blogs/${slug}/posts/${id}`, { token: editor.token });
    expect(kept.status).toBe(200);
    expect(kept.json.status).toBe("draft");
    expect(kept.json.html).toContain("Road reopened at six.");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});

describe("composer notices", () => {
  it("go as soon as the problem they name is fixed, without another click", async () => {
    const slug = `notices-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const composer = page.locator(".composer");

    await composer.getByRole("button", { name: "Publish", exact: true }).click();
    const empty = composer.getByText("Write something before publishing.");
    await empty.waitFor();
    await typePost(page, "Power back in the old town.");
    await empty.waitFor({ state: "detached" });

    const publishAt = composer.getByLabel(/Publish at/);
    await publishAt.fill("2020-01-01T10:00");
    await composer.getByRole("button", { name: "Schedule" }).click();
    const past = composer.getByText("Choose a time in the future to schedule the post.");
    await past.waitFor();
    await publishAt.fill("2099-01-01T10:00");
    await past.waitFor({ state: "detached" });
    // Only what is still wrong is shown: the empty-post notice stays gone.
    expect(await composer.getByText("Write something before publishing.").count()).toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});

describe("a desk whose session ended", () => {
  it("goes back to sign-in when an admin resets the password", async () => {
    const slug = `reset-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const reporter = await server.userFor("reporter", "Rui Reporter");
    const desk = await signedIn(browser, server, reporter);
    await openBlogDesk(desk, server, slug);
    const admin = await server.userFor("admin");
    const reset = await server.api("POST", `/api/users/${reporter.id}/password`, {
      token: admin.token,
      body: {},
    });
    expect(reset.status).toBe(200);
    // The server ends the desk stream; the app learns why and asks to sign in again.
    await desk.page.getByLabel("Email").waitFor({ timeout: 15_000 });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
