// What the composer shows is what publishes, typed for real in Chromium: a line break made with
// Shift+Enter, bold inside a heading started with "## ", a quote started with "> ", and a
// pasted nested list, which the composer shows flat because it publishes flat. The published
// post's blocks and HTML, read back through the public API, must carry what the composer showed,
// and the reader page must show it too.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { composerBody, type Desk, postsContaining } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `river-levels-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
let desk: Desk;

beforeAll(async () => {
  newsroom = await startNewsroom({ slug, people: { editor: "Eda Editor" } });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
}, 180_000);

afterAll(() => newsroom?.close());

describe("the composer publishes what it shows", () => {
  it("keeps line breaks, marks in headings and typed quotes", async () => {
    desk = await newsroom.deskFor(editor);
    const { page } = desk;

    await composerBody(page).click();
    await page.keyboard.type("## River ");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.type("breaks its banks");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.press("Enter");
    await page.keyboard.type("First line");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    await page.keyboard.press("Enter");
    await page.keyboard.type("> Get to higher ground now.");
    await page.getByLabel("Quote attribution").fill("Mayor Lena Park");

    // The composer itself shows each of them before anything is published.
    const body = composerBody(page);
    expect(await body.locator("h2 strong").textContent()).toBe("breaks its banks");
    expect(await body.locator("p", { hasText: "First line" }).innerText()).toBe(
      "First line\nsecond line",
    );
    expect(await body.locator("blockquote").textContent()).toBe("Get to higher ground now.");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const [post] = await postsContaining(server, slug, "second line");
    expect(post).toBeDefined();
    const answer = await server.api("GET", `/api/blogs/${slug}/posts/${post?.id}`);
    const { blocks, html } = answer.json;
    expect(blocks).toEqual([
      { type: "heading", text: "River **breaks its banks**", level: 2 },
      { type: "paragraph", text: "First line\nsecond line" },
      { type: "quote", text: "Get to higher ground now.", cite: "Mayor Lena Park" },
    ]);
    expect(html).toContain("<h3>River <strong>breaks its banks</strong></h3>");
    expect(html).toMatch(/<p>First line<br>\s*second line<\/p>/);
    expect(html).toContain("<blockquote><p>Get to higher ground now.</p></blockquote>");

    // A reader sees the line break as one, not as "First linesecond line".
    const reader = await browser.newPage();
    await reader.goto(`${server.url}/live/${slug}/posts/${post?.id}`);
    const paragraph = reader.locator(".post-body p", { hasText: "First line" });
    expect(await paragraph.innerText()).toBe("First line\nsecond line");
    expect(await reader.locator(".post-body h3 strong").textContent()).toBe("breaks its banks");
    await reader.close();
    expect(desk.problems).toEqual([]);
  });

  it("keeps lists one level deep, as they publish: a pasted nested list arrives flat", async () => {
    const { page } = desk;
    const body = composerBody(page);
    await body.click();
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "Roads closed");
      const target = document.querySelector("[aria-label='Post body']");
      target?.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, "<ul><li>Roads closed<ul><li>A1 at Mill Lane</li><li>B2 bridge</li></ul></li><li>Schools shut</li></ul>");
    const items = ["Roads closed", "A1 at Mill Lane", "B2 bridge", "Schools shut"];
    await expect.poll(() => body.locator("ul > li").allInnerTexts()).toEqual(items);
    expect(await body.locator("li ul, li ol").count()).toBe(0);

    // Tab does not indent an item under the one before it.
    await body.locator("li", { hasText: "Schools shut" }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Tab");
    expect(await body.locator("li ul, li ol").count()).toBe(0);

    // Ctrl/Cmd+Enter publishes, as before; it is not taken as a line break.
    await body.locator("li", { hasText: "Schools shut" }).click();
    await page.keyboard.press("ControlOrMeta+Enter");
    // The first post's "Post published." may still be showing: wait for this post itself.
    await expect.poll(() => postsContaining(server, slug, "Schools shut")).toHaveLength(1);
    const [post] = await postsContaining(server, slug, "Schools shut");
    const answer = await server.api("GET", `/api/blogs/${slug}/posts/${post?.id}`);
    expect(answer.json.blocks).toEqual([{ type: "list", ordered: false, items }]);
    expect(answer.json.html).toBe(`<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`);
    expect(desk.problems).toEqual([]);
  });
});
