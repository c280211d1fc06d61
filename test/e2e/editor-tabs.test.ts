// Three desk tabs in one browser on a busy night, over HTTP/1.1 (six connections per origin):
// the tabs share one event stream, so Publish goes out at once in each while every tab stays
// live; closing the tab that holds the stream hands it to another, and nothing is missed.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openBlogDesk, signedIn, typePost } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let other: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Tess Tabs");
  other = await server.userFor("editor", "Cole League");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Publishes from the tab's composer and returns how long the desk took to say so. */
async function publishFrom(page: Page, text: string): Promise<number> {
  // A person publishes from the tab in front of them; background tabs' timers are slowed.
  await page.bringToFront();
  await typePost(page, text);
  const started = Date.now();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  // With every connection taken by streams it never comes; a busy test machine takes seconds.
  await page.getByText("Post published.").waitFor({ timeout: 8000 });
  return Date.now() - started;
}

const timeline = (page: Page, text: string) =>
  page.locator(".timeline article", { hasText: text }).waitFor({ timeout: 10_000 });

describe("three desk tabs", () => {
  it("publish promptly and stay live on one shared stream, also after the leader closes", async () => {
    const [storm, flood] = [`storm-${process.pid}`, `flood-${process.pid}`];
    await makeBlog(server, editor.token, storm);
    await makeBlog(server, editor.token, flood);
    const desk = await signedIn(browser, server, editor);
    // The first tab asks for the stream first, so it leads.
    const first = desk.page;
    await openBlogDesk(desk, server, storm);
    const watch = (page: Page) => {
      page.on("pageerror", (error) => desk.problems.push(`page error: ${error.message}`));
      return page;
    };
    const second = watch(await desk.context.newPage());
    await openBlogDesk({ ...desk, page: second }, server, flood);
    const third = watch(await desk.context.newPage());
    await openBlogDesk({ ...desk, page: third }, server, storm);

    const hub = server.dispatch.hub;
    await expect.poll(() => hub.stats.sharedStreams).toBe(1);
    // One reader per blog, on that one connection: no tab holds a stream of its own.
    await expect.poll(() => hub.totalReaders()).toBe(2);

    const took = [
      await publishFrom(first, "Storm tab one: trees down on Main Street."),
      await publishFrom(second, "Flood tab two: river above the quay."),
      await publishFrom(third, "Storm tab three: schools closed."),
    ];
    // Well under a second on an idle machine; with every connection taken it never comes.
    for (const ms of took) expect(ms).toBeLessThan(3000);
    await timeline(third, "trees down on Main Street");
    await timeline(first, "schools closed");
    await timeline(second, "river above the quay");
    // A colleague's post (through the API) reaches the flood tab live too.
    await server.api("POST", `/api/blogs/${flood}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Flood: sandbags at the town hall.")] },
    });
    await timeline(second, "sandbags at the town hall");

    // The leading tab closes: another takes the stream over, and posts keep arriving.
    await first.close();
    await server.api("POST", `/api/blogs/${storm}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Storm: power back in the north.")] },
    });
    await server.api("POST", `/api/blogs/${flood}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Flood: bridge reopened.")] },
    });
    await timeline(third, "power back in the north");
    await timeline(second, "bridge reopened");
    await second.getByText("Live updates on").waitFor();
    await expect.poll(() => hub.stats.sharedStreams).toBe(1);
    await publishFrom(third, "Storm tab three again: roads clear.");

    // Presence stays right per blog: a colleague sees what this editor edits in one tab,
    // and still does after another tab opens a third blog (which remakes the shared stream).
    const fire = `fire-${process.pid}`;
    await makeBlog(server, editor.token, fire);
    await server.api("POST", `/api/blogs/${storm}/posts`, {
      token: editor.token,
      body: { title: "Shelters open", blocks: [paragraph("Three shelters are open.")] },
    });
    const colleague = await signedIn(browser, server, other);
    await openBlogDesk(colleague, server, storm);
    await third.bringToFront();
    const card = third.locator(".timeline article", { hasText: "Shelters open" });
    await card.getByRole("button", { name: "Edit" }).click();
    const editingShown = colleague.page
      .locator(".presence")
      .getByText("Tess Tabs (editing “Shelters open”)");
    await editingShown.waitFor();
    await openBlogDesk({ ...desk, page: second }, server, fire);
    await expect.poll(() => hub.totalReaders()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await editingShown.waitFor();
    expect(desk.problems).toEqual([]);
    await colleague.context.close();
    await desk.context.close();
  }, 90_000);
});
