// A gallery from the composer in Chromium: two photos uploaded at once land side by side, the
// Gallery button joins them, each picture's alt text, caption and credit are typed in the
// gallery itself, and the post publishes a gallery block that readers see as one.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { PNG, postsContaining, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `gallery-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let editor: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    blog: { title: "Harbour" },
  });
  server = newsroom.server;
  editor = newsroom.people.editor;
}, 180_000);

afterAll(() => newsroom?.close());

describe("a gallery in the composer", () => {
  it("joins two uploads into a gallery, with each picture's words, and publishes it", async () => {
    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    await typePost(page, "Two views of the harbour.");
    await page.getByLabel("Add image").setInputFiles([
      { name: "one.png", mimeType: "image/png", buffer: PNG },
      { name: "two.png", mimeType: "image/png", buffer: PNG },
    ]);
    await expect
      .poll(
        () =>
          page
            .locator(".composer-image img")
            .evaluateAll(
              (imgs) => imgs.filter((i) => i.getAttribute("src")?.startsWith("/media/")).length,
            ),
        { timeout: 30_000 },
      )
      .toBe(2);
    await page.locator(".composer-image").last().click();
    await page
      .getByRole("button", { name: "Gallery: join the images next to the cursor into one" })
      .click();
    await page.locator(".composer-gallery").waitFor();
    expect(await page.locator(".composer-image").count()).toBe(0);
    for (const i of [1, 2]) {
      await page.getByLabel(`Image ${i} alt text`).fill(`View ${i}`);
      await page.getByLabel(`Image ${i} caption`).fill(`Caption ${i}`);
      await page.getByLabel(`Image ${i} credit`).fill("Desk");
    }
    await page.getByLabel("Gallery caption").fill("The harbour at dawn");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const [post] = await postsContaining(server, slug, "Two views of the harbour.");
    const answer = await server.api("GET", `/api/blogs/${slug}/posts/${post?.id}`);
    const gallery = answer.json.blocks.find((b: { type: string }) => b.type === "gallery");
    expect(gallery).toMatchObject({
      caption: "The harbour at dawn",
      images: [
        { alt: "View 1", caption: "Caption 1", credit: "Desk", width: expect.any(Number) },
        { alt: "View 2", caption: "Caption 2", credit: "Desk", width: expect.any(Number) },
      ],
    });
    const page2 = await (await fetch(`${server.url}/live/${slug}/posts/${post?.id}`)).text();
    expect(page2.match(/<figure class="gallery-item">/g)).toHaveLength(2);
    await desk.context.close();
  }, 120_000);
});
