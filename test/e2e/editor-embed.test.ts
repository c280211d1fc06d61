// The newsroom app's embed snippets, in Chromium: the desk's Embed dialog and the blog settings
// give both snippets with the chosen options; Copy puts the snippet on the clipboard, and the
// copied snippet, pasted into a page on another origin, shows the blog.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openBlogDesk, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let host: Server;
let hostUrl: string;
let pasted = "";

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
  // The partner's page: whatever snippet was last pasted into it.
  host = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><body><h1>Partner</h1>${pasted}</body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => host?.close(resolve));
});

describe("the embed snippets", () => {
  it("are offered on the desk with their options, copied, and work pasted elsewhere", async () => {
    const slug = `embed-app-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Embedded words.")], keyEvent: true },
    });
    const desk = await signedIn(browser, server, editor);
    await desk.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    await page.getByRole("button", { name: "Embed" }).click();
    const dialog = page.getByRole("dialog", { name: "Embed this blog on another site" });
    await dialog.getByLabel("Theme").selectOption("dark");
    await dialog.getByLabel("Accent colour").fill("#c00");
    await dialog.getByLabel("Key events only").check();
    const script = dialog.getByLabel("Script embed (in the page, styles kept apart)");
    await expect
      .poll(() => script.inputValue())
      .toBe(
        `<div data-dispatch-blog="${slug}" data-theme="dark" data-accent="#c00" data-key-events="1"></div>\n<script async src="${server.url}/embed.js"></script>`,
      );
    const iframe = await dialog.getByLabel("Iframe embed (sized to its content)").inputValue();
    expect(iframe).toContain(
      `src="${server.url}/live/${slug}/embed?theme=dark&amp;accent=%23c00&amp;keyEvents=1"`,
    );
    await dialog.getByRole("button", { name: "Copy" }).first().click();
    await dialog.getByRole("button", { name: "Copied" }).waitFor();
    pasted = await page.evaluate(() => navigator.clipboard.readText());
    expect(pasted).toBe(await script.inputValue());
    expect(desk.problems).toEqual([]);

    const partner = await browser.newPage();
    await partner.goto(hostUrl);
    await partner.waitForFunction(
      () =>
        document
          .querySelector("[data-dispatch-blog]")
          ?.shadowRoot?.textContent?.includes("Embedded words."),
      undefined,
      { timeout: 20_000 },
    );
    await partner.close();

    await page.goto(`${server.url}/admin/blogs/${slug}/settings`);
    await page.getByRole("heading", { name: "Embed on another site" }).waitFor();
    expect(await page.getByLabel("Iframe embed (sized to its content)").inputValue()).toContain(
      `${server.url}/live/${slug}/embed`,
    );
    await desk.context.close();
  }, 120_000);
});
