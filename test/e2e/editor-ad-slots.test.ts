// Ad slots from a blog's settings in Chromium: an editor turns them on with a rule, the live
// page then carries them; a rule out of bounds is refused with the field's reason; turning
// them off takes them away.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { signedIn } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({ slug: "ads-desk", people: { editor: "Eda Editor" } });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
  for (let i = 1; i <= 5; i++) {
    await server.api("POST", "/api/blogs/ads-desk/posts", {
      token: editor.token,
      body: { title: `Update ${i}`, blocks: [paragraph("The tide is rising.")] },
    });
  }
}, 180_000);

afterAll(() => newsroom?.close());

const slotsOnPage = async () =>
  ((await (await fetch(`${server.url}/live/ads-desk`)).text()).match(/class="ad-slot /g) ?? [])
    .length;

describe("ad slots in the blog settings", () => {
  it("turns slots on with a rule, refuses one out of bounds, and turns them off", async () => {
    const { page } = await signedIn(browser, server, editor);
    await page.goto(`${server.url}/admin/blogs/ads-desk/settings`);
    const panel = page.getByRole("region", { name: "Ad slots" });
    const every = panel.getByLabel("After every how many updates (2 to 50)");
    const height = panel.getByLabel("Height of each slot in pixels (50 to 600, in steps of 10)");
    expect(await every.isDisabled()).toBe(true);

    await panel.getByLabel("Show ad slots between updates").check();
    await every.fill("2");
    await height.fill("300");
    await panel.getByRole("button", { name: "Save ad slots" }).click();
    await panel.getByText("Ad slots saved.").waitFor();
    expect((await server.api("GET", "/api/blogs/ads-desk")).json.adSlots).toEqual({
      every: 2,
      height: 300,
    });
    expect(await slotsOnPage()).toBe(2);

    // The browser's own checks let through what the server refuses: its reason is shown.
    await every.evaluate((input: HTMLInputElement) => {
      input.removeAttribute("max");
    });
    await every.fill("60");
    await panel.getByRole("button", { name: "Save ad slots" }).click();
    await panel.getByText("At most every 50th update", { exact: false }).waitFor();
    expect((await server.api("GET", "/api/blogs/ads-desk")).json.adSlots.every).toBe(2);

    await panel.getByLabel("Show ad slots between updates").uncheck();
    await panel.getByRole("button", { name: "Save ad slots" }).click();
    await panel.getByText("Ad slots saved.").waitFor();
    expect((await server.api("GET", "/api/blogs/ads-desk")).json.adSlots).toBeNull();
    expect(await slotsOnPage()).toBe(0);
  }, 120_000);
});
