// The "Key figures" panel in a blog's settings, in Chromium: an editor adds a figure with two
// sources, then changes one value; the reader page shows both values attributed, and the
// replaced one in the figure's history.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, signedIn } from "./editor-support.js";

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

describe("the key figures panel", () => {
  it("adds a figure with two sources and keeps a changed value as history", async () => {
    await makeBlog(server, editor.token, "quake");
    const { page } = await signedIn(browser, server, editor);
    await page.goto(`${server.url}/admin/blogs/quake/settings`);
    const panel = page.getByRole("region", { name: "Key figures" });
    const form = panel.getByRole("form", { name: "New figure" });
    await form.getByLabel("Label").fill("Injured");
    await form.getByRole("button", { name: "Add a source" }).click();
    const first = form.getByRole("group", { name: "Source 1" });
    await first.getByLabel("Hedge").selectOption("at least");
    await first.getByLabel("Value").fill("300");
    await first.getByLabel("Unit").fill("people");
    await first.getByLabel("Source", { exact: true }).fill("Health ministry");
    await first.getByLabel("Source link (https)").fill("https://health.example/brief");
    const second = form.getByRole("group", { name: "Source 2" });
    await second.getByLabel("Value").fill("410");
    await second.getByLabel("Unit").fill("people");
    await second.getByLabel("Source", { exact: true }).fill("Red Crescent");
    await form.getByRole("button", { name: "Add figure" }).click();

    const saved = panel.getByRole("form", { name: "Injured" });
    await saved.waitFor({ timeout: 20_000 });
    await saved.getByRole("group", { name: "Source 2" }).getByLabel("Value").fill("450");
    await saved.getByRole("button", { name: "Save figure" }).click();
    await expect
      .poll(
        async () =>
          (await server.api("GET", "/api/blogs/quake/figures")).json.figures[0]?.history.length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);

    const reader = await (await fetch(`${server.url}/live/quake`)).text();
    expect(reader).toContain(
      'at least 300 people</data>, according to <a class="figure-source" href="https://health.example/brief"',
    );
    expect(reader).toContain(
      '450 people</data>, according to <span class="figure-source">Red Crescent</span>',
    );
    expect(reader).toMatch(
      /<details><summary>Earlier values<\/summary><ul><li><data class="figure-number" value="410">410 people/,
    );
  }, 120_000);
});
