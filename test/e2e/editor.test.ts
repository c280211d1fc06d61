// The newsroom app in Chromium against a real server: an editor signs in, starts a blog,
// composes a post with bold text, a link, an attributed quote and an uploaded image with
// caption and credit, publishes it, and a reader's open page shows it live; then the edit and
// the deletion arrive there too.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  composerBody,
  type Desk,
  ensureEditorBuilt,
  openPage,
  PNG,
  postsContaining,
  signedIn,
} from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let desk: Desk;
let reader: Page;
const slug = `harbour-fire-${process.pid}`;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the newsroom app at /admin", () => {
  it("is served with a strict policy, and refuses a wrong password", async () => {
    const answer = await fetch(`${server.url}/admin/blogs/anything`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-cache");
    expect(answer.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await answer.text();
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const script = await fetch(`${server.url}${asset}`);
    expect(script.headers.get("cache-control")).toContain("immutable");

    const page = (await openPage(browser)).page;
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").fill(editor.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("do not match an account");
    await page.context().close();
  });

  it("signs in and starts a blog", async () => {
    desk = await signedIn(browser, server, editor);
    const { page } = desk;
    await page.getByText("Start a new live blog").click();
    await page.getByLabel("Headline").fill("Harbour fire");
    await page.getByLabel("Slug (the address: /live/slug)").fill(slug);
    await page.getByLabel("Standfirst").fill("Crews fight a blaze at the docks");
    await page.getByRole("button", { name: "Create blog" }).click();
    await page.getByRole("heading", { name: "Harbour fire" }).waitFor();
    await page.getByText("Live updates on").waitFor();
    expect((await server.api("GET", `/api/blogs/${slug}`)).json.summary).toBe(
      "Crews fight a blaze at the docks",
    );
  });

  it("publishes a formatted post that an open reader page shows live", async () => {
    reader = (await openPage(browser)).page;
    await reader.goto(`${server.url}/live/${slug}`);
    await reader.waitForFunction(() => document.documentElement.dataset.live === "connected");

    const { page } = desk;
    await page.getByLabel("Title").fill("Fire reaches warehouse");
    await composerBody(page).click();
    await page.keyboard.type("Crews say the ");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.type("east warehouse");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.type(" is lost. See the map");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
    await page.getByRole("button", { name: "Link", exact: true }).click();
    await page.getByLabel("Link address").fill("https://example.org/harbour-map");
    await page.getByRole("button", { name: "Apply link" }).click();
    await composerBody(page).locator("a[href='https://example.org/harbour-map']").waitFor();
    await composerBody(page).press("End");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Quote" }).click();
    await page.keyboard.type("We will not let it spread.");
    await page.getByLabel("Quote attribution").fill("Fire chief Ana Ruiz");

    await page.getByLabel("Add image").setInputFiles({
      name: "warehouse.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await page.getByLabel("Alt text", { exact: true }).waitFor();
    await expect
      .poll(() => page.locator(".composer-image img").getAttribute("src"))
      .toMatch(/^\/media\//);
    await page.getByLabel("Caption", { exact: true }).fill("Smoke over the east dock");
    await page.getByLabel("Credit", { exact: true }).fill("Harbour Police");

    // Alt text is required unless the image is marked decorative.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Image 1 needs alt text").waitFor();
    await page.getByLabel("Alt text", { exact: true }).fill("A warehouse roof in flames");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const article = reader.locator("#updates article").first();
    await article.getByText("Fire reaches warehouse").waitFor();
    expect(await article.locator("strong").textContent()).toBe("east warehouse");
    expect(await article.locator("a[href='https://example.org/harbour-map']").textContent()).toBe(
      "map",
    );
    expect(await article.locator("blockquote").textContent()).toContain(
      "We will not let it spread.",
    );
    expect(await article.locator("cite").textContent()).toBe("Fire chief Ana Ruiz");
    expect(await article.locator("figure img").getAttribute("alt")).toBe(
      "A warehouse roof in flames",
    );
    const caption = await article.locator("figcaption").last().textContent();
    expect(caption).toContain("Smoke over the east dock");
    expect(caption).toContain("Harbour Police");

    // The desk's own timeline has it too, and the composer is fresh for the next post.
    await page.locator(".timeline").getByText("Fire reaches warehouse").waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("");
  });

  it("edits, pins and marks the post a key event in place, and the reader follows", async () => {
    const { page } = desk;
    const card = page.locator(".timeline article", { hasText: "Fire reaches warehouse" });
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Fire reaches warehouse");
    await page.getByLabel("Title").fill("Fire reaches two warehouses");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();
    await reader.locator("#updates article").getByText("Fire reaches two warehouses").waitFor();
    const [post] = await postsContaining(server, slug, "east warehouse");
    expect(post?.version).toBe(2);

    const updated = page.locator(".timeline article", { hasText: "two warehouses" });
    await updated.getByRole("button", { name: "Pin" }).click();
    await reader.locator("#pinned article").getByText("Fire reaches two warehouses").waitFor();
    await updated.getByRole("button", { name: "Key event" }).click();
    await reader.locator("#key-events").getByText("Fire reaches two warehouses").waitFor();
    await updated.getByRole("button", { name: "Unpin" }).waitFor();
  });

  it("deletes the post after a confirmation, and it leaves the reader's page", async () => {
    const { page } = desk;
    const card = page.locator(".timeline article", { hasText: "two warehouses" });
    await card.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this post?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await postsContaining(server, slug, "east warehouse")).toHaveLength(1);
    await card.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete post" }).click();
    await expect
      .poll(() => reader.locator("article", { hasText: "two warehouses" }).count())
      .toBe(0);
    expect(await postsContaining(server, slug, "east warehouse")).toHaveLength(0);
    expect(desk.problems).toEqual([]);
  });
});
