// The small things an editor-in-chief notices on the desk, in Chromium: a signed-out load that
// logs nothing at error level, composer notices that clear once the problem is fixed, and an
// autosaved new post that can be discarded or closed.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;

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

describe("signed out", () => {
  it("opens /admin at the sign-in form without a single console error", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Unfiltered on purpose: a failed load (such as a 401) counts as an error here.
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").waitFor();
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    await context.close();
  });
});
