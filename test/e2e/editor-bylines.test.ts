// Bylines and displayed time in Chromium against a real server: a reporter sets their byline's
// title and portrait, an editor publishes a post on a reporter's behalf with an agency beside them, and moves another post back to when it was
// written; the reader page, open and reloaded, shows both as readers should see them.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { type Desk, openPage, PNG, signedIn, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `border-crossing-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
let reporter: TestUser;
let desk: Desk;
let reader: Page;
let avatar: string;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rana Reporter" },
  });
  ({ server, browser } = newsroom);
  ({ editor, reporter } = newsroom.people);
}, 180_000);

afterAll(() => newsroom?.close());

const articleIds = (page: Page) =>
  page.locator("#updates article").evaluateAll((nodes) => nodes.map((n) => n.id));

describe("bylines and displayed time in the newsroom app", () => {
  it("lets a reporter set the title and portrait of their byline", async () => {
    const own = await signedIn(browser, server, reporter);
    const { page } = own;
    await page.goto(`${server.url}/admin/account`);
    await page.getByRole("heading", { name: "Your byline" }).waitFor();
    await page.getByLabel("Title", { exact: true }).fill("Middle East correspondent");
    await page.getByLabel("Portrait").setInputFiles({
      name: "rana.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await page.locator('.byline-profile img.avatar[alt="Rana Reporter"]').waitFor();
    await page.getByRole("button", { name: "Save byline" }).click();
    await page.getByText("Byline saved").waitFor();
    const listed = (await server.api("GET", "/api/contributors", { token: editor.token })).json;
    const rana = listed.contributors.find((c: { id: string }) => c.id === reporter.id);
    expect(rana).toMatchObject({
      title: "Middle East correspondent",
      avatar: expect.stringMatching(/^\/media\//),
    });
    avatar = rana.avatar;
    expect(own.problems).toEqual([]);
    await own.context.close();
  });

  it("publishes on a reporter's behalf with an agency co-byline", async () => {
    reader = (await openPage(browser)).page;
    await reader.goto(`${server.url}/live/${slug}`);
    await reader.waitForFunction(() => document.documentElement.dataset.live === "connected");

    desk = await newsroom.deskFor(editor);
    const { page } = desk;
    await typePost(page, "Queues grow at the crossing");
    await page
      .getByLabel("Add a colleague to the byline")
      .selectOption({ label: "Rana Reporter (Middle East correspondent)" });
    await page.getByRole("button", { name: "Remove Eda Editor from the byline" }).click();
    await page.getByLabel("Agency or guest name").fill("Reuters");
    await page.getByRole("button", { name: "Add name" }).click();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => page.locator(".preview .author").textContent())
      .toBe("Rana Reporter and Reuters");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const card = page.locator("article.desk-post", { hasText: "Queues grow" });
    await card.locator(".byline-name", { hasText: "Rana Reporter" }).waitFor();
    await card.locator(".byline-name", { hasText: "Reuters" }).waitFor();

    // Live readers see the reporter's portrait, named for them, and the agency.
    const live = reader.locator("#updates article", { hasText: "Queues grow" });
    await live.locator('img.avatar[alt="Rana Reporter"]').waitFor();
    expect(await live.locator(".author").textContent()).toBe(
      "Rana ReporterMiddle East correspondent and Reuters",
    );

    const [post] = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
    expect(post.bylines).toEqual([
      { name: "Rana Reporter", title: "Middle East correspondent", avatar, userId: reporter.id },
      { name: "Reuters", kind: "organization" },
    ]);
    expect(desk.problems).toEqual([]);
  });

  it("moves a field report back to when it was written, for the open page and a fresh one", async () => {
    const blog = (await server.api("GET", `/api/blogs/${slug}`)).json;
    // Whole seconds: the desk's time field counts to the second.
    const writtenAt = new Date(Math.ceil(Date.parse(blog.createdAt) / 1000) * 1000 + 1000);
    const firstAt = Date.parse(
      (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts[0].publishedAt,
    );
    expect(firstAt).toBeGreaterThan(writtenAt.getTime());
    const field = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Field report from the checkpoint")] },
    });
    expect(field.status).toBe(201);

    const { page } = desk;
    const card = page.locator("article.desk-post", { hasText: "Field report" });
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    }, writtenAt.toISOString());
    await page.getByLabel("Displayed time").fill(local);
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();

    const order = async () => {
      const posts = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
      return posts.map((p: { id: string }) => `post-${p.id}`);
    };
    const expected = await order();
    expect(expected.at(-1)).toBe(`post-${field.json.id}`);
    // The open page moves it to the bottom; a fresh load has it there too.
    await expect.poll(() => articleIds(reader)).toEqual(expected);
    expect(await reader.locator(`#post-${field.json.id}`).getAttribute("data-published")).toBe(
      writtenAt.toISOString(),
    );
    await reader.reload();
    expect(await articleIds(reader)).toEqual(expected);
    await reader.locator('#updates img.avatar[alt="Rana Reporter"]').waitFor();
    expect(desk.problems).toEqual([]);
  });
  it("lets an admin set a colleague's byline title on the Users screen", async () => {
    const admin = await server.userFor("admin", "Ada Admin");
    const own = await signedIn(browser, server, admin);
    await own.page.goto(`${server.url}/admin/users`);
    const field = own.page.getByLabel(`Byline title of ${editor.email}`);
    await field.fill("Night editor");
    await field.press("Enter");
    await own.page.getByText(`Byline title of ${editor.email} saved.`).waitFor();
    const listed = (await server.api("GET", "/api/contributors", { token: editor.token })).json;
    expect(listed.contributors.find((c: { id: string }) => c.id === editor.id).title).toBe(
      "Night editor",
    );
    expect(own.problems).toEqual([]);
    await own.context.close();
  });
});
