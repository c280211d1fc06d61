// The "Key figures" panel in a blog's settings, in Chromium: an editor adds a figure with two
// sources, then changes one value; the reader page shows both values attributed, and the
// replaced one in the figure's history. "As of" is typed on the blog's clock, named, wherever
// the desk is opened, as "Publish at" and a poll's closing time are.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, signedIn } from "./editor-support.js";

const newYork = { timezoneId: "America/New_York", locale: "en-US" };

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

  it("takes the as-of time on the blog's clock, named, not the browser's", async () => {
    await makeBlog(server, editor.token, "kyiv-figures", { timezone: "Europe/Kyiv" });
    const { page, context } = await signedIn(browser, server, editor, newYork);
    await page.goto(`${server.url}/admin/blogs/kyiv-figures/settings`);
    const form = page
      .getByRole("region", { name: "Key figures" })
      .getByRole("form", { name: "New figure" });
    await form.getByLabel("Label").fill("Detained");
    const source = form.getByRole("group", { name: "Source 1" });
    await source.getByLabel("Value").fill("120");
    await source.getByLabel("Source", { exact: true }).fill("Interior ministry");
    // A July morning in Kyiv is summer time (UTC+3); in New York it would be UTC-4.
    const asOf = source.getByLabel(/As of/);
    await asOf.fill("2026-07-01T10:00");
    expect(await source.locator("label", { hasText: "As of" }).textContent()).toContain(
      "Kyiv time, GMT+3",
    );
    await form.getByRole("button", { name: "Add figure" }).click();
    const saved = page.getByRole("form", { name: "Detained" });
    await saved.waitFor({ timeout: 20_000 });
    const figures = (await server.api("GET", "/api/blogs/kyiv-figures/figures")).json.figures;
    expect(figures[0]?.values[0]?.asOf).toBe("2026-07-01T07:00:00.000Z");
    // Opened again, the form shows the time as it was typed, on Kyiv's clock.
    expect(
      await saved.getByRole("group", { name: "Source 1" }).getByLabel(/As of/).inputValue(),
    ).toBe("2026-07-01T10:00");
    await context.close();
  }, 120_000);
});
