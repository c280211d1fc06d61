// A reader's photo in real Chromium: the reader attaches a photo on the live page (the page's
// script sends multipart); the editor sees it in the queue, loaded from the private photo
// route; the editor answers with the photo, which reaches the reader's open page live as an
// ordinary published image credited to the reader's chosen name. No errors or refusals.

import type { Browser, BrowserContext } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { type Desk, ensureEditorBuilt, signedIn } from "./editor-support.js";
import { type LiveReader, openLiveReader } from "./reader-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureEditorBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.userFor("editor", "Desk Editor");
}, 180_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

function openReader(slug: string): Promise<LiveReader> {
  return openLiveReader(browser, server.url, slug, contexts);
}

describe("a reader's photo, from the page to an answer", () => {
  it("is attached on the page, seen on the desk, and published in the answer with credit", async () => {
    const slug = "photo-desk";
    expect(
      (
        await server.api("POST", "/api/blogs", {
          token: editor.token,
          body: { slug, title: "Storm damage", language: "en" },
        })
      ).status,
    ).toBe(201);
    const on = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor.token,
      body: { contributions: { enabled: true } },
    });
    expect(on.status).toBe(200);

    const desk: Desk = await signedIn(browser, server, editor);
    contexts.push(desk.context);
    await desk.page.goto(`${server.url}/admin/blogs/${slug}/contributions`);
    await desk.page.getByText("New ones appear live").waitFor({ timeout: 20_000 });

    const reader = await openReader(slug);
    const form = reader.page.locator("details.contribute");
    await form.locator("summary").click();
    await reader.page.waitForFunction(
      () => !document.querySelector<HTMLFieldSetElement>(".contribute-fields")?.disabled,
    );
    await reader.page.getByLabel("What I am seeing").check();
    await reader.page.getByLabel("Your message").fill("A tree is down across Station Road");
    await reader.page.getByLabel("Your name, as we may quote it").fill("Tomás");
    const photo = await sharp({
      create: { width: 900, height: 600, channels: 3, background: "#4a7a2a" },
    })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 1234/100" } })
      .toBuffer();
    await reader.page
      .getByLabel("A photo (optional)")
      .setInputFiles({ name: "tree.jpg", mimeType: "image/jpeg", buffer: photo });
    await form.getByRole("button", { name: "Send" }).click();
    await form
      .locator(".contribute-status", { hasText: "Your message has reached the newsroom" })
      .waitFor({ timeout: 60_000 });
    // The form is cleared, the photo with it.
    expect(
      await reader.page.locator("#contribute-photo").evaluate((i) => (i as HTMLInputElement).value),
    ).toBe("");

    // The desk: the card arrives live with the photo, loaded from the private route.
    const card = desk.page.locator("li.contribution", { hasText: "Station Road" });
    await card.waitFor({ timeout: 15_000 });
    const image = card.getByRole("img", { name: "Photo sent by Tomás" });
    await image.waitFor();
    await desk.page.waitForFunction(
      () =>
        (document.querySelector<HTMLImageElement>("img.contribution-photo")?.naturalWidth ?? 0) > 0,
    );
    expect(await image.getAttribute("src")).toMatch(/\/contributions\/[^/]+\/photo$/);

    await card.getByRole("button", { name: "Answer" }).click();
    expect(await card.getByLabel("Include the photo, credited to Tomás").isChecked()).toBe(true);
    await card
      .getByLabel("Describe the photo for readers who cannot see it")
      .fill("A fallen tree blocking Station Road");
    await card.getByLabel("Your answer").fill("Crews are on their way; use the bypass.");
    await card.getByRole("button", { name: "Publish answer" }).click();
    await desk.page.getByText("Answer published.").waitFor();

    // The reader's open page: the answer arrives live with the photo, credited.
    const answer = reader.page.locator("#updates article", { hasText: "use the bypass" });
    await answer.waitFor({ timeout: 15_000 });
    const published = answer.getByRole("img", { name: "A fallen tree blocking Station Road" });
    await published.waitFor();
    expect(await published.getAttribute("src")).toMatch(/^\/media\/u\//);
    expect(await answer.locator("figure .credit").textContent()).toBe("Tomás");
    await reader.page.waitForFunction(
      () =>
        (document.querySelector<HTMLImageElement>("#updates article img")?.naturalWidth ?? 0) > 0,
    );
    expect(reader.errors).toEqual([]);
    expect(desk.problems).toEqual([]);
  }, 180_000);
});
