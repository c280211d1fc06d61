// Corrections and attribution in the script embed, in real Chromium: on a partner's page the
// embed's posts carry what the reader page shows, the verification badge and its note, the
// source line and, once the words are edited, "Updated HH:MM" linking to the post's history
// and the correction note as text; an edit and a confirmation arrive live.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer } from "../helpers/server.js";
import { startPartnerSite } from "./embed-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = "ferry-live";
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let partner: Awaited<ReturnType<typeof startPartnerSite>>;
let editor: string;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    blog: { title: "Ferry", language: "en-GB", timezone: "Europe/Kyiv" },
    desks: false,
  });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor.token;
  partner = await startPartnerSite(server.url);
}, 60_000);

afterAll(async () => {
  await newsroom?.close();
  await partner?.close();
});

describe("the script embed on a partner's page", () => {
  it("shows verification, source, the update marker and the correction, live", async () => {
    const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        title: "Ferry halted",
        blocks: [paragraph("The north ferry is halted.")],
        source: { text: "Harbour office", url: "https://harbour.example/notice" },
        verification: { state: "unconfirmed", note: "One witness <b>so far</b>" },
      },
    });
    expect(created.status).toBe(201);
    const post = created.json;
    const page = await browser.newPage({ timezoneId: "Europe/Kyiv" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    try {
      await page.goto(`${partner.url}/partner.html?slug=${slug}`);
      // Playwright's locators pierce the embed's shadow root.
      const article = page.locator(`#embed article#post-${post.id}`);
      await article.waitFor({ timeout: 20_000 });
      const badge = article.locator(".post-verification");
      expect(await badge.getAttribute("data-verification")).toBe("unconfirmed");
      expect(await badge.locator(".verification-badge").textContent()).toBe("Unconfirmed");
      expect(await badge.locator(".verification-note").textContent()).toBe(
        "One witness <b>so far</b>",
      );
      expect(await badge.locator("b").count()).toBe(0);
      const source = article.locator(".post-source");
      expect(await source.textContent()).toBe("Source: Harbour office");
      expect(await source.locator("a").getAttribute("href")).toBe("https://harbour.example/notice");
      expect(await article.locator(".post-updated").count()).toBe(0);

      const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
        token: editor,
        body: {
          blocks: [paragraph("The south ferry is halted.")],
          correction: "An earlier version named the <i>north</i> ferry.",
          verification: { state: "confirmed" },
          version: post.version,
        },
      });
      expect(corrected.status).toBe(200);
      const at: string = corrected.json.contentUpdatedAt;
      const clock = new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: "Europe/Kyiv",
      }).format(new Date(at));

      await expect
        .poll(() => article.locator(".post-body").textContent(), { timeout: 20_000 })
        .toContain("south ferry");
      const updated = article.locator(".post-updated");
      expect(await updated.textContent()).toMatch(new RegExp(`^Updated ${clock}`));
      expect(await updated.locator("time").getAttribute("datetime")).toBe(at);
      expect(await updated.getAttribute("href")).toBe(
        `${server.url}/live/${slug}/posts/${post.id}/history`,
      );
      const correction = article.locator(".post-correction");
      expect(await correction.textContent()).toMatch(
        new RegExp(`^Correction, ${clock}.*: An earlier version named the <i>north</i> ferry\\.$`),
      );
      expect(await correction.locator("i").count()).toBe(0);
      expect(await article.locator(".post-verification").getAttribute("data-verification")).toBe(
        "confirmed",
      );
      expect(await article.locator(".verification-badge").textContent()).toBe("Confirmed");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
