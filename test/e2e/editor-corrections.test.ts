// A correction made in the composer, in Chromium against a real server: an editor changes a
// published post's words and gives a correction note; an open reader page shows "Updated"
// and the note live, and the post's history holds what it said before.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { openPage } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `toll-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({ slug, people: { editor: "Eda Editor" } });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
}, 180_000);

afterAll(() => newsroom?.close());

describe("a correction in the composer", () => {
  it("sends the note with the changed words, and readers see both live", async () => {
    const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: "Casualties", blocks: [paragraph("Twelve people were hurt.")] },
    });
    expect(created.status).toBe(201);
    const post = created.json;
    const reader = (await openPage(browser)).page;
    await reader.goto(`${server.url}/live/${slug}`);
    await reader.waitForFunction(() => document.documentElement.dataset.live === "connected");
    const article = reader.locator(`#post-${post.id}`);
    await article.waitFor();

    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    const card = page.locator(".timeline article", { hasText: "Casualties" });
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    await page.getByLabel("Title").fill("Casualties rise");
    await page.getByLabel("Correction note").fill("An earlier title said nothing of the rise.");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();

    await expect
      .poll(() => article.locator(".post-correction").textContent(), { timeout: 20_000 })
      .toContain("An earlier title said nothing of the rise.");
    expect(await article.locator(".post-updated").textContent()).toMatch(/^Updated \d\d:\d\d/);
    const history = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}/history`);
    expect(history.json.versions).toHaveLength(1);
    expect(history.json.versions[0].title).toBe("Casualties");
    expect(history.json.versions[0].correction).toBe("An earlier title said nothing of the rise.");

    // The field is empty again for the next edit: a note goes with one change only.
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    expect(await page.getByLabel("Correction note").inputValue()).toBe("");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
