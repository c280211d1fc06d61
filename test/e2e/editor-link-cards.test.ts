// Link cards in the composer, in Chromium against a real server: a published post open in the
// composer shows its link's card when the server has read it (brought by the desk's live
// events), and the editor's save, which sends the blocks without the card, keeps it, image and
// all; a reader's browser then loads the card's image from this site, never the linked one.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LinkCardUnfurler } from "../../src/outbound/link-card-unfurler.js";
import { LINKED_PHOTO, type LinkedSite, startLinkedSite } from "../helpers/linked-site.js";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `bridge-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let site: LinkedSite;
let editor: TestUser;

beforeAll(async () => {
  site = await startLinkedSite();
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    server: { env: { FETCH_ALLOW_PRIVATE: "1" } },
  });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
}, 180_000);

afterAll(async () => {
  await newsroom?.close();
  await site?.close();
});

describe("link cards in the composer", () => {
  it("shows the card when it arrives, and an editor's save keeps it", async () => {
    // The linked site is down at publishing: the link stays a plain card for now.
    site.down = true;
    const published = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: {
        title: "Bridge news",
        blocks: [paragraph("The bridge is open."), { type: "embed", url: `${site.url}/story` }],
      },
    });
    expect(published.status).toBe(201);
    const unfurler = server.dispatch.newsroom.linkCards as LinkCardUnfurler;
    await unfurler.idle();
    expect(site.requests).toEqual(["/story"]);

    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    const card = page.locator("article.desk-post", { hasText: "Bridge news" });
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    const embed = page.locator(".composer-embed");
    await expect
      .poll(() => embed.locator(".composer-embed-kind").textContent())
      .toBe("Link card · 127.0.0.1");
    expect(await embed.locator(".composer-embed-read").isHidden()).toBe(true);

    // The card is read while the post is open here (as after a publish, whose reading may
    // take seconds: the test picks the moment rather than racing the page's time limit).
    site.down = false;
    const stored = await server.dispatch.store.findPostAnywhere(published.json.id);
    unfurler.unfurl(stored!, [`${site.url}/story`]);
    await unfurler.idle();
    await expect
      .poll(() => embed.locator(".composer-embed-read").textContent(), { timeout: 10_000 })
      .toBe("Bridge reopens after repairs — Traffic flows again on the river crossing.");
    expect(await embed.locator(".composer-embed-kind").textContent()).toBe(
      "Link card · City Herald",
    );

    await page.getByLabel("Title").fill("Bridge news, updated");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();
    const post = (
      await server.api("GET", `/api/blogs/${slug}/posts/${published.json.id}`, {
        token: editor.token,
      })
    ).json;
    expect(post.title).toBe("Bridge news, updated");
    expect(post.blocks[1].card.title).toBe("Bridge reopens after repairs");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("shows readers the card's image from this site, and the linked site sees no reader", async () => {
    const published = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: "Harbour news", blocks: [{ type: "embed", url: `${site.url}/picture` }] },
    });
    expect(published.status).toBe(201);
    await (server.dispatch.newsroom.linkCards as LinkCardUnfurler).idle();
    const fetchedBefore = site.requests.length;

    const context = await browser.newContext();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (request) => asked.push(request.url()));
    await page.goto(`${server.url}/live/${slug}/posts/${published.json.id}`);
    const image = page.locator("img.link-image");
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await image.getAttribute("width")).toBe(String(LINKED_PHOTO.width));
    expect(await image.getAttribute("height")).toBe(String(LINKED_PHOTO.height));
    const used = new URL(await image.evaluate((img: HTMLImageElement) => img.currentSrc));
    expect(used.origin).toBe(server.url);
    expect(used.pathname).toMatch(/^\/media\/link-cards\/[a-z0-9]+\/\d+\.(webp|jpg)$/);
    expect(asked.filter((url) => url.startsWith(site.url))).toEqual([]);
    expect(site.requests.length).toBe(fetchedBefore);
    await context.close();
  });
});
