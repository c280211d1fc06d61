// Tags in Chromium against a real server: the composer's tags field (labelled, used with the
// keyboard alone, offering the blog's tags already in use) puts a tag on a published post,
// which an open reader page shows live with a link to the tag's view; a tag's view takes a
// live post carrying its tag, leaves out one without it, and drops one edited away from it,
// with the same tag markup the server writes.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { openPage, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `front-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({ slug, people: { editor: "Eda Editor" } });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
  // A tag already in use, for the field to offer.
  const earlier = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor.token,
    body: { blocks: [paragraph("Earlier report")], tags: ["Diplomacy"] },
  });
  expect(earlier.status).toBe(201);
}, 180_000);

afterAll(() => newsroom?.close());

async function openReader(path: string): Promise<{ page: Page; errors: string[] }> {
  const { page } = await openPage(browser);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
  return { page, errors };
}

describe("tags", () => {
  it("adds tags in the composer with the keyboard, and readers see them live", async () => {
    const reader = await openReader(`/live/${slug}`);
    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    await typePost(page, "Shelling reported near Kharkiv");
    const field = page.getByLabel("Add a tag");
    // The blog's tags in use are offered.
    await expect
      .poll(() =>
        page
          .locator("datalist option")
          .evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value)),
      )
      .toEqual(["Diplomacy"]);
    await field.fill("Kharkiv");
    await field.press("Enter");
    await field.pressSequentially("Shelling,");
    await field.fill("kharkiv");
    await field.press("Enter"); // the same tag in another case is not added twice
    await page.getByRole("button", { name: "Remove tag Shelling" }).waitFor();
    expect(await field.inputValue()).toBe("");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const [post] = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
    expect(post.tags).toEqual(["Kharkiv", "Shelling"]);
    const card = page.locator("article.desk-post", { hasText: "Shelling reported" });
    await card.locator(".post-tags", { hasText: "Kharkiv, Shelling" }).waitFor();

    const live = reader.page.locator(`#post-${post.id}`);
    await live.locator(".post-tags").waitFor();
    // live.js writes the same markup as the server.
    const drawn = await live.locator(".post-tags").evaluate((n) => n.outerHTML);
    const served = await fetch(`${server.url}/live/${slug}`).then((r) => r.text());
    expect(served).toContain(drawn);
    await live.getByRole("link", { name: "Kharkiv" }).click();
    await reader.page.waitForURL(`**/live/${slug}?tag=kharkiv`);
    await reader.page.getByRole("heading", { name: "Updates tagged Kharkiv" }).waitFor();
    expect(reader.errors).toEqual([]);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("keeps a tag's view to live posts carrying its tag", async () => {
    const { page, errors } = await openReader(`/live/${slug}?tag=kharkiv`);
    const publish = async (text: string, tags: string[]) => {
      const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor.token,
        body: { blocks: [paragraph(text)], tags },
      });
      expect(made.status).toBe(201);
      return made.json as { id: string; version: number };
    };
    await publish("Talks in Geneva", ["Diplomacy"]);
    const tagged = await publish("Power out in Kharkiv", ["Kharkiv"]);
    await page.locator(`#post-${tagged.id}`).waitFor();
    // The untagged post came first: had it been added, it would be on the page by now.
    expect(await page.locator("#updates article", { hasText: "Talks in Geneva" }).count()).toBe(0);
    expect(await page.locator("#updates article", { hasText: "Earlier report" }).count()).toBe(0);

    const retagged = await server.api("PATCH", `/api/blogs/${slug}/posts/${tagged.id}`, {
      token: editor.token,
      body: { version: tagged.version, tags: ["Energy"] },
    });
    expect(retagged.status).toBe(200);
    await page.locator(`#post-${tagged.id}`).waitFor({ state: "detached" });
    expect(errors).toEqual([]);
  });
});
