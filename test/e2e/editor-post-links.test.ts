// A desk post card's links out, in Chromium: "Copy permalink" puts the public address on the
// clipboard and says so; "Preview as the reader page" opens a draft as readers will see it,
// in a new tab, while the public still gets nothing at that address.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openBlogDesk, signedIn } from "./editor-support.js";

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

async function post(slug: string, text: string, status: "published" | "draft") {
  const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor.token,
    body: { blocks: [paragraph(text)], status },
  });
  expect(answer.status).toBe(201);
  return answer.json.id as string;
}

describe("a desk post card", () => {
  it("copies a published post's permalink and confirms it", async () => {
    const slug = `links-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const id = await post(slug, "Airport open again.", "published");
    const desk = await signedIn(browser, server, editor);
    await desk.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const card = page.locator(".timeline article", { hasText: "Airport open again." });
    await card.getByRole("button", { name: "Copy permalink" }).click();
    await card.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${server.url}/live/${slug}/posts/${id}`,
    );
    const reader = await fetch(`${server.url}/live/${slug}/posts/${id}`);
    expect(reader.status).toBe(200);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("previews a draft as the reader page, for the newsroom only", async () => {
    const slug = `preview-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const id = await post(slug, "Embargoed: talks collapse.", "draft");
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const card = page.locator("article", { hasText: "Embargoed: talks collapse." }).first();
    // A draft has no public address to copy.
    expect(await card.getByRole("button", { name: "Copy permalink" }).count()).toBe(0);
    const opened = desk.context.waitForEvent("page");
    await card.getByRole("link", { name: "Preview as the reader page" }).click();
    const preview = await opened;
    await preview.waitForLoadState();
    expect(preview.url()).toBe(`${server.url}/live/${slug}/posts/${id}/preview`);
    await preview
      .locator(`article#post-${id}`, { hasText: "Embargoed: talks collapse." })
      .waitFor();
    await preview.getByText("Preview of a draft").waitFor();

    // The same address, opened by someone outside the newsroom, is not there.
    const outsider = await browser.newContext();
    const answer = await (await outsider.newPage()).goto(preview.url());
    expect(answer?.status()).toBe(404);
    expect(await answer?.text()).not.toContain("Embargoed");
    await outsider.close();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
