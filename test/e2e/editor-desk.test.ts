// Several people on one blog's desk in Chromium: a reporter's submission waits in the editor's
// approval queue (arriving live) until approved or returned; two editors save the same post,
// and the one who saved second sees both versions and decides, without losing a word.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  composerBody,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  postsContaining,
  signedIn,
  typePost,
} from "./editor-support.js";

/** A datetime-local value an hour from now, in the browser's (and this process's) zone. */
function inAnHour(): string {
  const date = new Date(Date.now() + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let second: TestUser;
let reporter: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
  second = await server.userFor("editor", "Sam Second");
  reporter = await server.userFor("reporter", "Rui Reporter");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("approval", () => {
  it("holds a reporter's post in the editor's live queue until approved or returned", async () => {
    const slug = `ferry-${process.pid}`;
    await makeBlog(server, editor.token, slug, { reporterMode: "approval" });
    const editorDesk = await signedIn(browser, server, editor);
    await openBlogDesk(editorDesk, server, slug);
    await editorDesk.page.getByRole("heading", { name: "Approval queue (0)" }).waitFor();

    const reporterDesk = await signedIn(browser, server, reporter);
    const page = reporterDesk.page;
    await openBlogDesk(reporterDesk, server, slug);
    expect(await page.getByLabel("Pin").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Blog settings" }).count()).toBe(0);
    await typePost(page, "Ferry service suspended until noon.");
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await page.getByText("Submitted for approval.").waitFor();
    expect(await postsContaining(server, slug, "Ferry service")).toHaveLength(0);

    const queue = editorDesk.page.locator(".queue");
    await queue.getByText("Ferry service suspended until noon.").waitFor();
    await queue.getByRole("button", { name: "Approve" }).click();
    await editorDesk.page.locator(".timeline").getByText("Ferry service suspended").waitFor();
    await editorDesk.page.getByRole("heading", { name: "Approval queue (0)" }).waitFor();
    expect(await postsContaining(server, slug, "Ferry service")).toHaveLength(1);
    // The reporter's timeline follows live too; what is out is no longer theirs to edit.
    const out = page.locator(".timeline article", { hasText: "Ferry service suspended" });
    await out.waitFor();
    expect(await out.getByRole("button", { name: "Edit" }).count()).toBe(0);

    // A second submission is returned: it goes back to the reporter as a draft.
    await typePost(page, "Bus depot flooded.");
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await page.getByText("Submitted for approval.").waitFor();
    const returned = queue.locator("article", { hasText: "Bus depot flooded." });
    await returned.getByRole("button", { name: "Return" }).click();
    const why = editorDesk.page.getByRole("dialog", { name: "Return to the reporter" });
    await why.getByLabel("Note for the reporter (optional)").fill("Which depot? Add the street.");
    await why.getByRole("button", { name: "Return" }).click();
    await editorDesk.page.getByRole("heading", { name: "Approval queue (0)" }).waitFor();
    const draft = page.locator("article[data-status='draft']", { hasText: "Bus depot flooded." });
    await draft.waitFor();
    // The note reaches the reporter's desk live, on the post.
    await draft.getByText(/Returned by Eda Editor at .+: Which depot\? Add the street\./).waitFor();

    // A submission for a later time is still called a submission, and the queue shows the time.
    await typePost(page, "Minister to visit the depot.");
    await page.getByLabel("Publish at").fill(inAnHour());
    await page.getByRole("button", { name: "Submit for this time" }).click();
    await page.getByText(/Submitted for approval, to go out at .+ once approved\./).waitFor();
    await queue
      .locator("article", { hasText: "Minister to visit" })
      .getByText(/requested for/)
      .waitFor();
    expect(await postsContaining(server, slug, "Bus depot")).toHaveLength(0);
    expect([...editorDesk.problems, ...reporterDesk.problems]).toEqual([]);
    await editorDesk.context.close();
    await reporterDesk.context.close();
  });
});

describe("two editors on one post", () => {
  it("shows the second saver both versions; keeping theirs overwrites, keeping words", async () => {
    const slug = `bridge-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: "Road closed", blocks: [paragraph("The bridge road is closed.")] },
    });
    expect(created.status).toBe(201);
    const a = await signedIn(browser, server, editor);
    const b = await signedIn(browser, server, second);
    for (const desk of [a, b]) {
      await openBlogDesk(desk, server, slug);
      const card = desk.page.locator(".timeline article", { hasText: "Road closed" });
      await card.getByRole("button", { name: "Edit" }).click();
      await desk.page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    }
    // Presence: each sees the other editing this post.
    await b.page.locator(".presence").getByText("Eda Editor (editing “Road closed”)").waitFor();

    await a.page.getByLabel("Title").fill("Road closed at north bridge");
    await a.page.getByRole("button", { name: "Update post" }).click();
    await a.page.getByText("Post updated.").waitFor();

    await composerBody(b.page).click();
    await b.page.keyboard.press("ControlOrMeta+End");
    await b.page.keyboard.type(" Diversion via Mill Lane.");
    await b.page.getByRole("button", { name: "Update post" }).click();
    const dialog = b.page.getByRole("dialog", { name: "Someone else changed this post" });
    await dialog.getByRole("region", { name: "Their version" }).waitFor();
    expect(await dialog.getByText("Road closed at north bridge").count()).toBe(1);
    expect(await dialog.getByRole("region", { name: "Your version" }).textContent()).toContain(
      "Diversion via Mill Lane.",
    );
    await dialog.getByRole("button", { name: "Keep mine (overwrite)" }).click();
    await b.page.getByText("Post updated.").waitFor();
    const [post] = await postsContaining(server, slug, "Diversion via Mill Lane.");
    expect(post?.version).toBe(3);
    await a.context.close();
    await b.context.close();
  });

  it("after choosing theirs, leaves our text on screen to copy", async () => {
    const slug = `quay-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: "Quay flooded", blocks: [paragraph("Water over the quay.")] },
    });
    const a = await signedIn(browser, server, editor);
    const b = await signedIn(browser, server, second);
    for (const desk of [a, b]) {
      await openBlogDesk(desk, server, slug);
      await desk.page
        .locator(".timeline article", { hasText: "Quay flooded" })
        .getByRole("button", { name: "Edit" })
        .click();
    }
    await a.page.getByLabel("Title").fill("Quay flooded, road shut");
    await a.page.getByRole("button", { name: "Update post" }).click();
    await a.page.getByText("Post updated.").waitFor();

    await composerBody(b.page).click();
    await b.page.keyboard.press("ControlOrMeta+End");
    await b.page.keyboard.type(" Sandbags at the slipway.");
    await b.page.getByRole("button", { name: "Update post" }).click();
    await b.page.getByRole("button", { name: "Use theirs" }).click();
    expect(await b.page.getByLabel("Title").inputValue()).toBe("Quay flooded, road shut");
    expect(
      await b.page.getByRole("region", { name: "Your earlier version" }).textContent(),
    ).toContain("Sandbags at the slipway.");
    expect(await postsContaining(server, slug, "Sandbags")).toHaveLength(0);
    await a.context.close();
    await b.context.close();
  });
});
