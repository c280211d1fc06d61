// The media library in Chromium: an editor publishes a post with an uploaded photo, its alt
// text, caption and credit; in a new post they open the media library from the composer's
// toolbar, find the photo by its caption, pick it, and the new post publishes with the same
// image and the words it was stored with, as readers see it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { composerBody, PNG, postsContaining, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `dockside-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let editor: TestUser;
let reporter: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rui Reporter" },
    blog: { title: "Dockside fire" },
  });
  server = newsroom.server;
  ({ editor, reporter } = newsroom.people);
  // Someone else's upload, never described, so the search has something to leave out.
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(PNG)], { type: "image/png" }), "unrelated.png");
  const other = await fetch(`${server.url}/api/media`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${reporter.token}` },
  });
  expect(other.status).toBe(201);
}, 180_000);

afterAll(() => newsroom?.close());

describe("the media library", () => {
  it("reuses an earlier upload in a new post, with its stored caption and credit", async () => {
    const desk = await newsroom.deskFor(editor);
    const { page } = desk;

    await typePost(page, "Fire reaches the east dock.");
    await page.getByLabel("Add image").setInputFiles({
      name: "east-dock.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await expect
      .poll(() => page.locator(".composer-image img").getAttribute("src"))
      .toMatch(/^\/media\//);
    const src = await page.locator(".composer-image img").getAttribute("src");
    await page.getByLabel("Alt text", { exact: true }).fill("A warehouse roof in flames");
    await page.getByLabel("Caption", { exact: true }).fill("Smoke over the east dock");
    await page.getByLabel("Credit", { exact: true }).fill("Harbour Police");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();
    await expect.poll(() => page.locator(".composer-image").count()).toBe(0);

    await typePost(page, "Second look at the dock.");
    await page.getByRole("button", { name: "Media library" }).click();
    const library = page.getByRole("dialog", { name: "Media library" });
    const images = library.getByRole("list", { name: "Images" }).getByRole("listitem");
    await expect.poll(() => images.count()).toBe(2);
    await library.getByLabel("Search images").fill("east DOCK smoke");
    await expect.poll(() => images.count()).toBe(1);
    await images.getByText("Alt: A warehouse roof in flames").waitFor();
    await images.getByText("Credit: Harbour Police").waitFor();
    expect(await images.locator("img").getAttribute("alt")).toBe("A warehouse roof in flames");
    await library.getByRole("button", { name: "Use image A warehouse roof in flames" }).click();
    await library.waitFor({ state: "detached" });

    const figure = page.locator(".composer-image");
    expect(await figure.locator("img").getAttribute("src")).toBe(src);
    expect(await page.getByLabel("Caption", { exact: true }).inputValue()).toBe(
      "Smoke over the east dock",
    );
    expect(await page.getByLabel("Credit", { exact: true }).inputValue()).toBe("Harbour Police");
    expect(await composerBody(page).textContent()).toContain("Second look at the dock.");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // The first publish's "Post published." may still be showing: wait for the post itself.
    await expect
      .poll(async () => (await postsContaining(server, slug, "Second look at the dock.")).length)
      .toBe(1);
    const [reused] = await postsContaining(server, slug, "Second look at the dock.");
    const answer = await server.api("GET", `/api/blogs/${slug}/posts/${reused?.id}`);
    expect(answer.json.blocks).toContainEqual({
      type: "image",
      src,
      alt: "A warehouse roof in flames",
      caption: "Smoke over the east dock",
      credit: "Harbour Police",
      // Its size, from the library: the reader page keeps the image's box while it loads.
      width: expect.any(Number),
      height: expect.any(Number),
    });
    const permalink = await (await fetch(`${server.url}/live/${slug}/posts/${reused?.id}`)).text();
    const caption = /<figcaption>([\s\S]*?)<\/figcaption>/.exec(permalink)?.[1] ?? "";
    expect(caption).toContain("Smoke over the east dock");
    expect(caption).toContain("Harbour Police");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("opens for reporters too, and names its images by their alt text", async () => {
    const desk = await newsroom.deskFor(reporter);
    const { page } = desk;
    await page.getByRole("button", { name: "Media library" }).click();
    const library = page.getByRole("dialog", { name: "Media library" });
    await library.getByRole("button", { name: "Use image A warehouse roof in flames" }).waitFor();
    await library.getByRole("button", { name: "Use image unrelated.png" }).waitFor();
    await library.getByText("No alt text yet").waitFor();
    await library.getByRole("button", { name: "Close" }).click();
    await library.waitFor({ state: "detached" });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
