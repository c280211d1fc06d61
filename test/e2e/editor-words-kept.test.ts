// The desk never loses a word, in Chromium against a real server: text typed a moment before a
// reload, a closed tab, an Edit on another card or a header link survives; after a conflict
// only what the person now sees is saved; a post deleted under the composer does not trap its
// text.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  composerBody,
  type Desk,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  signedIn,
  typePost,
} from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let amira: TestUser;
let bo: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  amira = await server.userFor("editor", "Amira Haddad");
  bo = await server.userFor("editor", "Bo Lindqvist");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every post of the blog the newsroom can see (drafts included), with its text. */
async function deskPosts(slug: string, status: string) {
  const answer = await server.api("GET", `/api/blogs/${slug}/posts?status=${status}&limit=200`, {
    token: amira.token,
  });
  return answer.json.posts as { id: string; title: string; html: string; version: number }[];
}

async function draftsContaining(slug: string, text: string) {
  return (await deskPosts(slug, "draft")).filter((p) => p.html.includes(text));
}

async function newBlog(name: string): Promise<string> {
  const slug = `${name}-${process.pid}`;
  await makeBlog(server, amira.token, slug);
  return slug;
}

async function draft(slug: string, title: string, text: string): Promise<string> {
  const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: amira.token,
    body: { title, blocks: [paragraph(text)], status: "draft" },
  });
  expect(made.status).toBe(201);
  return made.json.id as string;
}

async function editCard(page: Page, text: string): Promise<void> {
  await page.locator("article", { hasText: text }).getByRole("button", { name: "Edit" }).click();
}

describe("leaving the composer keeps everything typed", () => {
  let desk: Desk;
  afterAll(() => desk?.context.close());

  it("offers the text back after a reload a moment after the last keystroke", async () => {
    const slug = await newBlog("reload");
    desk = await signedIn(browser, server, amira);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    await page.getByLabel("Title").fill("Evacuation ordered");
    await typePost(page, "Residents of the lower town must leave by six.");
    // Kept on this device already, so leaving is not worth a "leave site?" prompt.
    const prompts: string[] = [];
    page.on("dialog", (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await page.getByText("Live updates on").waitFor();
    const offer = page.locator(".restore", { hasText: "Evacuation ordered" });
    await offer.getByRole("button", { name: "Restore" }).click();
    expect(await page.getByLabel("Title").inputValue()).toBe("Evacuation ordered");
    expect(await composerBody(page).textContent()).toContain(
      "Residents of the lower town must leave by six.",
    );
    expect(prompts).toEqual([]);
    expect(desk.problems).toEqual([]);
  });

  it("offers the text back after the tab was closed", async () => {
    const slug = await newBlog("closed-tab");
    const page = await desk.context.newPage();
    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByText("Live updates on").waitFor();
    await typePost(page, "Power cut across the eastern districts.");
    await page.close({ runBeforeUnload: true });
    const again = await desk.context.newPage();
    await again.goto(`${server.url}/admin/blogs/${slug}`);
    const offer = again.locator(".restore", { hasText: "Power cut across the eastern" });
    await offer.getByRole("button", { name: "Restore" }).click();
    expect(await composerBody(again).textContent()).toContain(
      "Power cut across the eastern districts.",
    );
    await again.close();
  });

  it("saves a new post as a draft when Edit is clicked on another card", async () => {
    const slug = await newBlog("edit-other");
    await draft(slug, "Earlier draft", "Roadblocks on the ring road.");
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    await page.getByText("Roadblocks on the ring road.").waitFor();
    await typePost(page, "Hospital asks for blood donors.");
    await editCard(page, "Roadblocks on the ring road.");
    await page.getByRole("heading", { name: "Editing a draft" }).waitFor();
    await expect
      .poll(async () => (await draftsContaining(slug, "Hospital asks for blood donors.")).length)
      .toBe(1);
  });

  it("saves a new post as a draft when a header link is clicked", async () => {
    const slug = await newBlog("header-link");
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    await typePost(page, "Schools closed tomorrow.");
    await page.getByRole("navigation", { name: "Newsroom" }).getByText("API tokens").click();
    await expect
      .poll(async () => (await draftsContaining(slug, "Schools closed tomorrow.")).length)
      .toBe(1);
  });

  it("keeps a change to a published post when another card is opened", async () => {
    const slug = await newBlog("published-edit");
    for (const text of ["Curfew from ten.", "Airport reopens."]) {
      await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: amira.token,
        body: { blocks: [paragraph(text)] },
      });
    }
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    await editCard(page, "Curfew from ten.");
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    await composerBody(page).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" Checkpoints on every bridge.");
    await editCard(page, "Airport reopens.");
    const offer = page.locator(".restore", { hasText: "Curfew from ten." });
    await offer.getByRole("button", { name: "Restore" }).click();
    expect(await composerBody(page).textContent()).toContain("Checkpoints on every bridge.");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();
    expect(desk.problems).toEqual([]);
  });
});

describe("a conflict never overwrites a colleague", () => {
  it("saves only their version after 'Use theirs' and Close, naming who saved", async () => {
    const slug = await newBlog("conflict");
    const id = await draft(slug, "Talks resume", "Delegations meet at noon.");
    const a = await signedIn(browser, server, amira);
    const b = await signedIn(browser, server, bo);
    for (const desk of [a, b]) {
      await openBlogDesk(desk, server, slug);
      await editCard(desk.page, "Delegations meet at noon.");
      await desk.page.getByRole("heading", { name: "Editing a draft" }).waitFor();
    }
    await b.page.locator(".presence").getByText("Amira Haddad (editing “Talks resume”)").waitFor();

    await composerBody(a.page).click();
    await a.page.keyboard.press("ControlOrMeta+End");
    await a.page.keyboard.type(" Amira adds a line.");
    await a.page.getByRole("button", { name: "Save draft" }).click();
    await expect
      .poll(async () => (await draftsContaining(slug, "Amira adds a line.")).length)
      .toBe(1);

    await composerBody(b.page).click();
    await b.page.keyboard.press("ControlOrMeta+End");
    await b.page.keyboard.type(" Bo says ");
    await b.page.keyboard.press("ControlOrMeta+b");
    await b.page.keyboard.type("strongly");
    await b.page.keyboard.press("ControlOrMeta+b");
    await b.page.getByRole("button", { name: "Save draft" }).click();
    const dialog = b.page.getByRole("dialog", { name: "Someone else changed this post" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Amira Haddad saved this post");
    const mine = dialog.getByRole("region", { name: "Your version" });
    expect(await mine.locator("strong").textContent()).toBe("strongly");
    await dialog.getByRole("button", { name: "Use theirs" }).click();
    expect(await composerBody(b.page).textContent()).toContain("Amira adds a line.");
    // Our version stays on screen, formatted, to copy from.
    const kept = b.page.getByRole("region", { name: "Your earlier version" });
    expect(await kept.locator("strong").textContent()).toBe("strongly");
    await b.page.getByRole("button", { name: "Close" }).click();
    await b.page.getByRole("heading", { name: "New post" }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [saved] = (await deskPosts(slug, "draft")).filter((p) => p.id === id);
    expect(saved?.html).toContain("Amira adds a line.");
    expect(saved?.html).not.toContain("Bo says");
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});

describe("a post deleted under the composer", () => {
  it("says who deleted it and keeps the text as a new draft in one click", async () => {
    const slug = await newBlog("deleted-under");
    const id = await draft(slug, "Bridge inspection", "Engineers on site.");
    const a = await signedIn(browser, server, amira);
    const b = await signedIn(browser, server, bo);
    await openBlogDesk(a, server, slug);
    await editCard(a.page, "Engineers on site.");
    await composerBody(a.page).click();
    await a.page.keyboard.press("ControlOrMeta+End");
    await a.page.keyboard.type(" Cracks found in two piers.");

    await openBlogDesk(b, server, slug);
    await b.page
      .locator("article", { hasText: "Engineers on site." })
      .getByRole("button", { name: "Delete" })
      .click();
    await b.page.getByRole("button", { name: "Delete post" }).click();

    const notice = a.page.getByText(/Bo Lindqvist deleted this post at \d/);
    await notice.waitFor();
    expect(await a.page.getByText(/No post \S+ in this blog/).count()).toBe(0);
    await a.page.getByRole("button", { name: "Keep my text as a new draft" }).click();
    await expect
      .poll(async () => (await draftsContaining(slug, "Cracks found in two piers.")).length)
      .toBe(1);
    const [kept] = await draftsContaining(slug, "Cracks found in two piers.");
    expect(kept?.id).not.toBe(id);
    expect(kept?.title).toBe("Bridge inspection");
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it("tells you when you delete your own open draft, and keeps its text", async () => {
    const slug = await newBlog("own-delete");
    await draft(slug, "Rail strike", "Trains cancelled.");
    const a = await signedIn(browser, server, amira);
    await openBlogDesk(a, server, slug);
    await editCard(a.page, "Trains cancelled.");
    await composerBody(a.page).click();
    await a.page.keyboard.press("ControlOrMeta+End");
    await a.page.keyboard.type(" Buses replace them.");
    await a.page
      .locator(".timeline-panel article", { hasText: "Trains cancelled." })
      .getByRole("button", { name: "Delete" })
      .click();
    await a.page.getByRole("button", { name: "Delete post" }).click();
    await a.page.getByText(/You deleted this post at \d/).waitFor();
    await a.page.getByRole("button", { name: "Keep my text as a new draft" }).click();
    await expect
      .poll(async () => (await draftsContaining(slug, "Buses replace them.")).length)
      .toBe(1);
    expect(a.problems).toEqual([]);
    await a.context.close();
  });
});
