// One time format on the desk and the reader page, in Chromium: a desk in London working on a
// Kyiv blog reads every post time on Kyiv's clock with the zone named, as the reader page is
// served (a reader's script then shows them their own clock),
// and types "Publish at" in Kyiv time, converted right across the summer-time change.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockTime, fromWallTime } from "../../src/core/zoned-time.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openBlogDesk, signedIn, typePost } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
const kyiv = { language: "en-GB", timezone: "Europe/Kyiv" };
const london = { timezoneId: "Europe/London", locale: "en-GB" };

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

describe("times on a Kyiv blog's desk, opened in London", () => {
  it("read on Kyiv's clock with the zone named, the same as on the reader page", async () => {
    const slug = `kyiv-${process.pid}`;
    await makeBlog(server, editor.token, slug, kyiv);
    const out = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { blocks: [paragraph("Sirens in the city centre.")] },
    });
    const expected = clockTime(out.json.publishedAt, kyiv);
    expect(expected).toMatch(/^\d\d:\d\d \S+/);

    const desk = await signedIn(browser, server, editor, london);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const card = page.locator(".timeline article", { hasText: "Sirens in the city centre." });
    expect(await card.locator(".post-meta time").textContent()).toBe(expected);

    // The reader page as served reads Kyiv's clock, named, as the desk does; once its script
    // runs in this London browser, the reader sees London's clock, Kyiv's kept in the title.
    const served = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(served).toContain(`>${expected}</time>`);
    await page.goto(`${server.url}/live/${slug}`);
    const reader = page.locator(`article#post-${out.json.id} .post-meta time`);
    const inLondon = clockTime(out.json.publishedAt, {
      language: "en-GB",
      timezone: "Europe/London",
    });
    await expect.poll(() => reader.textContent()).toBe(inLondon);
    expect(await reader.getAttribute("title")).toContain(expected.split(" ")[1]);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("schedules in Kyiv time, named on the field, across the change to summer time", async () => {
    const slug = `kyiv-plan-${process.pid}`;
    await makeBlog(server, editor.token, slug, kyiv);
    const desk = await signedIn(browser, server, editor, london);
    const { page } = desk;
    await openBlogDesk(desk, server, slug);
    const publishAt = page.getByLabel(/Publish at/);
    // December here: Kyiv is on EET (London on GMT), so the label names winter time...
    const label = (await page.locator(".schedule label").textContent()) ?? "";
    expect(label).toContain("Kyiv time");

    await typePost(page, "Parliament sits at ten.");
    // ...and a July morning is Kyiv summer time (UTC+3), whatever London's clock says.
    await publishAt.fill("2099-07-01T10:00");
    await page.locator(".schedule label", { hasText: "Kyiv time, EEST" }).waitFor();
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByText("Post scheduled.").waitFor();

    const scheduled = await server.api("GET", `/api/blogs/${slug}/posts?status=scheduled`, {
      token: editor.token,
    });
    const post = (scheduled.json.posts as { id: string; publishAt: string }[])[0];
    expect(post?.publishAt).toBe("2099-07-01T07:00:00.000Z");
    expect(post?.publishAt).toBe(fromWallTime("2099-07-01T10:00", "Europe/Kyiv"));

    // The card says when on Kyiv's clock; editing shows the time as it was typed.
    const card = page.locator("article[data-status='scheduled']", {
      hasText: "Parliament sits at ten.",
    });
    await card.getByText("for 1 Jul, 10:00 EEST").waitFor();
    await card.getByRole("button", { name: "Edit" }).click();
    expect(await page.getByLabel(/Publish at/).inputValue()).toBe("2099-07-01T10:00");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
