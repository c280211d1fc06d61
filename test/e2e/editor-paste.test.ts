// Images pasted from another web page, in Chromium: the composer copies them into Dispatch
// through the server's guarded import, so readers never load the other site; where the copy
// is refused, the image is flagged and cannot go out until the editor confirms it may be shown
// from there and credits it.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import {
  composerBody,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  signedIn,
} from "./editor-support.js";

let pictures: Server;
let picturesUrl: string;
let intranet: TestServer;
let guarded: TestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureEditorBuilt();
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#1d6b2f" } })
    .png()
    .toBuffer();
  pictures = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "image/png", "access-control-allow-origin": "*" });
    response.end(png);
  });
  await new Promise<void>((resolve) => pictures.listen(0, "127.0.0.1", resolve));
  picturesUrl = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;
  intranet = await startTestServer({ env: { FETCH_ALLOW_PRIVATE: "1" } });
  guarded = await startTestServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  pictures?.close();
  await intranet?.close();
  await guarded?.close();
});

/** Pastes HTML into the composer as a browser does when copying from another page. */
async function pasteHtml(page: Page, html: string): Promise<void> {
  await composerBody(page).click();
  await page.evaluate((markup) => {
    const data = new DataTransfer();
    data.setData("text/html", markup);
    data.setData("text/plain", "");
    document
      .querySelector(".ProseMirror")
      ?.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
  }, html);
}

async function deskFor(server: TestServer, slug: string) {
  const editor = await server.userFor("editor", "Pia Paste");
  await makeBlog(server, editor.token, slug);
  const desk = await signedIn(browser, server, editor);
  await openBlogDesk(desk, server, slug);
  return { desk, editor };
}

describe("an image pasted from another page", () => {
  it("is copied into Dispatch before it can be published", async () => {
    const slug = `paste-copy-${process.pid}`;
    const { desk } = await deskFor(intranet, slug);
    const { page } = desk;
    await pasteHtml(
      page,
      `<p>Smoke over the port</p><img src="${picturesUrl}/smoke.png" alt="Smoke">`,
    );
    const image = page.locator(".composer-image img");
    await expect.poll(() => image.getAttribute("src")).toMatch(/^\/media\/u\//);
    await page.getByLabel("Credit", { exact: true }).fill("Port authority");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Post published.").waitFor();
    const { json } = await intranet.api("GET", `/api/blogs/${slug}/posts`);
    const block = json.posts[0].blocks.find((b: { type: string }) => b.type === "image");
    expect(block.src).toMatch(/^\/media\/u\//);
    expect(json.posts[0].html).not.toContain(picturesUrl);
    // The stand-in for another site is plain http on this machine, which the desk's policy
    // (https images only) refuses to show while the paste is read: that refusal is expected.
    const refusedHttp = `Loading the image '${picturesUrl}/smoke.png' violates`;
    expect(desk.problems.filter((p) => !p.startsWith(refusedHttp))).toEqual([]);
    await desk.context.close();
  });

  it("is flagged when it cannot be copied, and goes out only once confirmed and credited", async () => {
    const slug = `paste-flag-${process.pid}`;
    const { desk } = await deskFor(guarded, slug);
    const { page } = desk;
    const elsewhere = "https://127.0.0.1/photos/crowd.jpg";
    await pasteHtml(page, `<p>Crowds at the square</p><img src="${elsewhere}" alt="Crowds">`);
    await page.getByText(/Pasted from 127\.0\.0\.1 and not copied into Dispatch/).waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText(/Image 1 was pasted from 127\.0\.0\.1 and could not be copied/).waitFor();
    expect((await guarded.api("GET", `/api/blogs/${slug}/posts`)).json.posts).toEqual([]);

    await page.getByLabel(/Show it from the other site/).check();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText(/add a credit naming its owner/).waitFor();
    await page.getByLabel("Credit", { exact: true }).fill("Agency photographer");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Post published.").waitFor();
    const { json } = await guarded.api("GET", `/api/blogs/${slug}/posts`);
    expect(json.posts[0].blocks).toContainEqual(
      expect.objectContaining({ type: "image", src: elsewhere, credit: "Agency photographer" }),
    );
    await desk.context.close();
  });
});
