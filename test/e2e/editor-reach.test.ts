// The whole of a long blog is reachable from the desk, in Chromium: on a blog of 500 posts the
// timeline reads older posts as it scrolls (or on "Load older posts") down to the very first
// one, which can then be edited; edits and deletions made elsewhere reach the old posts live;
// and the desk search finds an old post by a word and by its author.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishPost } from "../../src/core/operations/posts.js";
import type { Actor } from "../../src/core/user.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  composerBody,
  type Desk,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  signedIn,
} from "./editor-support.js";

const POSTS = 500;
/** How long a step may take: a desk of 700 cards is slow to render on a busy machine. */
const WAIT = 30_000;
/** More drafts than one page of the desk's lists holds. */
const DRAFTS = 230;
const slug = `long-night-${process.pid}`;

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let desk: Desk;
/** Post ids by number: 0 is the oldest. */
const ids: string[] = [];
const draftIds: string[] = [];

/** Post n's words; 0, 1 and 4 carry words no other post has. */
function words(n: number): string {
  if (n === 0) return "First light: the zephyrine lighthouse is dark.";
  if (n === 1) return "Coastguard briefing at the old pier.";
  if (n === 4) return "Kittiwake colony abandoned, says warden.";
  return `Update number ${n} from the harbour.`;
}

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
  const veteran = await server.userFor("reporter", "Wilhelmina Oldfield");
  await makeBlog(server, editor.token, slug);
  // Published through the core operation, as the API would, without 500 HTTP round trips.
  const { newsroom } = server.dispatch;
  const as = (user: TestUser, name: string, role: Actor["role"]): Actor => ({
    id: user.id,
    name,
    role,
  });
  const eda = as(editor, "Eda Editor", "editor");
  const wilhelmina = as(veteran, "Wilhelmina Oldfield", "reporter");
  for (let n = 0; n < POSTS; n++) {
    const { post } = await publishPost(newsroom, n === 1 ? wilhelmina : eda, slug, {
      title: `Post ${n}`,
      blocks: [paragraph(words(n))],
    });
    ids.push(post.id);
  }
  for (let n = 0; n < DRAFTS; n++) {
    const { post } = await publishPost(newsroom, eda, slug, {
      title: `Draft ${n}`,
      blocks: [paragraph(n === 5 ? "Notes on the puffin survey" : `Notes ${n}`)],
      status: "draft",
    });
    draftIds.push(post.id);
  }
  desk = await signedIn(browser, server, editor);
  desk.context.setDefaultTimeout(WAIT);
  await openBlogDesk(desk, server, slug);
  await settled(desk.page);
}, 180_000);

afterAll(async () => {
  await desk?.context.close();
  await browser?.close();
  await server?.close();
});

/** Waits until the desk has read its lists, so nothing moves under a click. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    (drafts) => document.querySelectorAll("article[data-status='draft']").length === drafts,
    DRAFTS,
  );
}

const card = (page: Page, n: number) => page.locator(`.timeline #desk-post-${ids[n]}`);
const timelineCards = (page: Page) => page.locator(".timeline article");

// Each test gives a loaded machine time: a 500-post desk renders slowly when the cores are busy.
describe("a blog of 500 posts on the desk", { timeout: 150_000 }, () => {
  it("shows the newest page first, then reads older posts on the button and as it scrolls, down to the first post", async () => {
    const { page } = desk;
    await page.getByRole("heading", { name: "Live timeline (100+)" }).waitFor();
    expect(await card(page, 0).count()).toBe(0);

    // The button is there for keyboards and screen readers: one press, one more page.
    await page.getByRole("button", { name: "Load older posts" }).press("Enter");
    await page.getByRole("heading", { name: "Live timeline (200+)" }).waitFor();
    // ...and no more: the button stays where it was, below the new page, rather than held in
    // view (and so asking for page after page) while the page arrives above it.
    await page.waitForTimeout(1000);
    expect(await page.getByRole("heading", { name: "Live timeline (200+)" }).count()).toBe(1);

    // Scrolling does the rest: the sentinel below the last card asks for the next page.
    const deadline = Date.now() + 60_000;
    while ((await card(page, 0).count()) === 0) {
      if (Date.now() > deadline) {
        throw new Error(
          `After a minute of scrolling ${await timelineCards(page).count()} posts show`,
        );
      }
      await page.mouse.wheel(0, 10_000);
      await page.waitForTimeout(100);
    }
    await card(page, 0).scrollIntoViewIfNeeded();
    expect(await card(page, 0).isVisible()).toBe(true);
    await page.getByText("Every post is shown.").waitFor();
    await page.getByRole("heading", { name: `Live timeline (${POSTS})` }).waitFor();
    expect(await timelineCards(page).count()).toBe(POSTS);
    expect(await page.getByRole("button", { name: "Load older posts" }).count()).toBe(0);
  });

  it("lists every draft, however many, with the oldest one editable", async () => {
    const { page } = desk;
    const drafts = page.locator("article[data-status='draft']");
    await expect.poll(() => drafts.count(), { timeout: WAIT }).toBe(DRAFTS);
    const oldest = page.locator(`#desk-post-${draftIds[0]}`);
    await oldest.scrollIntoViewIfNeeded();
    expect(await oldest.getByRole("heading", { name: "Draft 0" }).isVisible()).toBe(true);
    await oldest.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a draft" }).waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Draft 0");
  });

  it("opens the oldest post in the composer and saves an edit to it", async () => {
    const { page } = desk;
    await card(page, 0).getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Post 0");
    expect(await composerBody(page).innerText()).toContain("zephyrine lighthouse");
    await page.getByLabel("Title").fill("Post 0, corrected");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();
    await card(page, 0).getByRole("heading", { name: "Post 0, corrected" }).waitFor();
    const stored = await server.api("GET", `/api/blogs/${slug}/posts/${ids[0]}`);
    expect(stored.json.title).toBe("Post 0, corrected");
  });

  it("applies edits, pins and deletions made elsewhere to posts read from older pages", async () => {
    const { page } = desk;
    const old = await server.api("GET", `/api/blogs/${slug}/posts/${ids[3]}`);
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${ids[3]}`, {
      token: editor.token,
      body: { title: "Post 3, retitled elsewhere", pinned: true, version: old.json.version },
    });
    expect(edited.status).toBe(200);
    await card(page, 3).getByRole("heading", { name: "Post 3, retitled elsewhere" }).waitFor();
    await card(page, 3).getByRole("button", { name: "Unpin" }).waitFor();

    const removed = await server.api("DELETE", `/api/blogs/${slug}/posts/${ids[4]}`, {
      token: editor.token,
    });
    expect(removed.status).toBe(204);
    await expect.poll(() => card(page, 4).count(), { timeout: WAIT }).toBe(0);
    expect(await timelineCards(page).count()).toBe(POSTS - 1);
  });

  it("finds an old post by a word and by its author, and says when nothing matches", async () => {
    // A desk opened afresh: only its newest page is read, so what it finds comes from the search.
    const fresh = await signedIn(browser, server, editor);
    fresh.context.setDefaultTimeout(WAIT);
    const { page } = fresh;
    await openBlogDesk(fresh, server, slug);
    await settled(page);
    const results = page.getByRole("list", { name: "Search results" });

    await page.getByLabel("Search posts").fill("ZEPHYRINE");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("1 post matches.").waitFor();
    await results.getByRole("heading", { name: "Post 0, corrected" }).waitFor();
    // A found post has the same actions as on the timeline: edit it from the results.
    await results.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Post 0, corrected");

    await page.getByLabel("Search posts").fill("");
    await page.getByLabel("Author").fill("oldfield");
    await page.getByLabel("Search posts").press("Enter");
    await results.getByRole("heading", { name: "Post 1" }).waitFor();
    expect(await results.getByRole("article").count()).toBe(1);
    expect(await results.getByText("Wilhelmina Oldfield").count()).toBe(1);
    // A found post follows live, though this desk has not read the page it is on.
    const before = await server.api("GET", `/api/blogs/${slug}/posts/${ids[1]}`);
    const retitled = await server.api("PATCH", `/api/blogs/${slug}/posts/${ids[1]}`, {
      token: editor.token,
      body: { title: "Post 1, from the pier", version: before.json.version },
    });
    expect(retitled.status).toBe(200);
    await results.getByRole("heading", { name: "Post 1, from the pier" }).waitFor();
    await expect.poll(() => card(page, 1).count()).toBe(0);

    // The deleted post is never found.
    await page.getByLabel("Author").fill("");
    await page.getByLabel("Search posts").fill("kittiwake");
    await page.getByLabel("Search posts").press("Enter");
    await page.getByText("No posts match.").waitFor();

    // A found draft deleted elsewhere leaves the results at once.
    await page.getByLabel("Search posts").fill("puffin");
    await page.getByLabel("Search posts").press("Enter");
    await results.getByRole("heading", { name: "Draft 5" }).waitFor();
    const dropped = await server.api("DELETE", `/api/blogs/${slug}/posts/${draftIds[5]}`, {
      token: editor.token,
    });
    expect(dropped.status).toBe(204);
    await page.getByText("No posts match.").waitFor();

    await page.getByRole("button", { name: "Clear search" }).click();
    expect(await page.getByLabel("Search posts").inputValue()).toBe("");
    expect(await page.getByText("No posts match.").count()).toBe(0);
    expect([...desk.problems, ...fresh.problems]).toEqual([]);
    await fresh.context.close();
  });
});
