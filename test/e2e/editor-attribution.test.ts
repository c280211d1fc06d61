// The composer's source line and verification in Chromium against a real server: a reporter
// credits a source and marks their post unconfirmed (they are offered no other state), an
// editor confirms it on edit, and an open reader page shows the badge change live.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { openPage, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `ministry-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
let reporter: TestUser;
let reader: Page;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rana Reporter" },
  });
  ({ server, browser } = newsroom);
  ({ editor, reporter } = newsroom.people);
}, 180_000);

afterAll(() => newsroom?.close());

const optionsOf = (page: Page) =>
  page
    .locator('select[name="verification"] option')
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));

describe("source and verification in the composer", () => {
  it("lets a reporter credit a source and mark their post unconfirmed", async () => {
    reader = (await openPage(browser)).page;
    await reader.goto(`${server.url}/live/${slug}`);
    await reader.waitForFunction(() => document.documentElement.dataset.live === "connected");

    const desk = await newsroom.deskFor(reporter);
    const { page } = desk;
    await typePost(page, "Statement expected from the ministry");
    expect(await optionsOf(page)).toEqual(["", "unconfirmed"]);
    await page.locator('input[name="source-text"]').fill("Interior ministry statement");
    await page.getByLabel("Source link").fill("https://example.gov/statement");
    await page.locator('select[name="verification"]').selectOption("unconfirmed");
    await page.getByLabel("Verification note").fill("Not yet seen by our reporters");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const [post] = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
    expect(post.source).toEqual({
      text: "Interior ministry statement",
      url: "https://example.gov/statement",
    });
    expect(post.verification).toEqual({
      state: "unconfirmed",
      note: "Not yet seen by our reporters",
    });
    const live = reader.locator("#updates article", { hasText: "Statement expected" });
    await live.locator(".verification-badge", { hasText: "Unconfirmed" }).waitFor();
    expect(await live.locator(".post-source a").getAttribute("href")).toBe(
      "https://example.gov/statement",
    );
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("lets an editor confirm it, live for readers and in the audit log", async () => {
    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    const card = page.locator("article.desk-post", { hasText: "Statement expected" });
    await card.locator(".label-verification", { hasText: "Unconfirmed" }).waitFor();
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    expect(await optionsOf(page)).toEqual(["", "confirmed", "unconfirmed", "disputed"]);
    expect(await page.locator('input[name="source-text"]').inputValue()).toBe(
      "Interior ministry statement",
    );
    await page.locator('select[name="verification"]').selectOption("confirmed");
    await page.getByLabel("Verification note").fill("");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();

    const live = reader.locator("#updates article", { hasText: "Statement expected" });
    await expect
      .poll(() => live.locator(".verification-badge").textContent(), { timeout: 10_000 })
      .toBe("Confirmed");
    const [post] = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
    expect(post.verification).toEqual({ state: "confirmed" });
    expect(post.source.text).toBe("Interior ministry statement");
    const audit = await server.api("GET", `/api/audit?blog=${slug}&action=post.verify`, {
      token: (await server.userFor("admin")).token,
    });
    expect(audit.json.entries).toHaveLength(1);
    expect(audit.json.entries[0].detail.verification).toEqual({
      from: "unconfirmed",
      to: "confirmed",
    });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
