// Readers' contributions in real Chromium: a reader sends a question from the live page (the
// page's own script fetches the challenge and solves it with Web Crypto at the server's real
// difficulty); it appears live in the desk's queue in another browser context, signed in as an
// editor; the editor answers it in a post quoting the reader's words with their chosen name;
// the reader's open page shows the answer live. Neither page logs an error or a policy refusal.

import type { Browser, BrowserContext } from "playwright-core";
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

describe("a reader's question, from the page to an answered post", () => {
  it("goes live to the desk's queue, is answered in a post, and the answer reaches the reader live", async () => {
    const slug = "ask-the-desk";
    const made = await server.api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug, title: "River levels", language: "en" },
    });
    expect(made.status).toBe(201);
    const on = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor.token,
      body: { contributions: { enabled: true, prompt: "Are you near the river?" } },
    });
    expect(on.status).toBe(200);

    // The editor's queue, open before anything arrives: what comes must come live.
    const desk: Desk = await signedIn(browser, server, editor);
    contexts.push(desk.context);
    await desk.page.goto(`${server.url}/admin/blogs/${slug}/contributions`);
    await desk.page.getByRole("heading", { name: "Reader contributions" }).waitFor();
    await desk.page.getByText("New ones appear live").waitFor({ timeout: 20_000 });
    await desk.page.getByText("Nothing here.").waitFor();

    const reader = await openReader(slug);
    const form = reader.page.locator("details.contribute");
    expect(await form.locator(".contribute-prompt").textContent()).toBe("Are you near the river?");
    await form.locator("summary").click();
    // Enabled by the script: as served, the fields are disabled.
    await reader.page.waitForFunction(
      () => !document.querySelector<HTMLFieldSetElement>(".contribute-fields")?.disabled,
    );
    await reader.page.getByLabel("Your message").fill("Is the footbridge at Mill Lane still open?");
    await reader.page.getByLabel("Your name, as we may quote it").fill("Priya from Eastside");
    await reader.page
      .getByLabel("How we can reach you (optional, never published)")
      .fill("priya@example.org");
    await form.getByRole("button", { name: "Send" }).click();
    await form
      .locator(".contribute-status", { hasText: "Your message has reached the newsroom" })
      .waitFor({ timeout: 60_000 });
    // Nothing of it on the reader's page, which is public.
    expect(await reader.page.locator("#updates").textContent()).not.toContain("footbridge");

    const card = desk.page.locator("li.contribution", { hasText: "footbridge at Mill Lane" });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain("Priya from Eastside");
    expect(await card.textContent()).toContain("priya@example.org");

    await card.getByRole("button", { name: "Answer" }).click();
    await card.getByLabel("Your answer").fill("Yes: it closes at 6 pm when the river rises.");
    // A reload of the desk keeps the words typed so far.
    await desk.page.reload();
    await card.getByRole("button", { name: "Answer" }).click();
    expect(await card.getByLabel("Your answer").inputValue()).toBe(
      "Yes: it closes at 6 pm when the river rises.",
    );
    await card.getByRole("button", { name: "Publish answer" }).click();
    await desk.page.getByText("Answer published.").waitFor();
    await card.waitFor({ state: "detached" });

    // The reader's open page: the answer arrives live, the reader's words quoted and named.
    const answer = reader.page.locator("#updates article", {
      hasText: "it closes at 6 pm",
    });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.locator("blockquote").textContent()).toContain(
      "Is the footbridge at Mill Lane still open?",
    );
    expect(await answer.locator("cite").textContent()).toContain("Priya from Eastside");
    expect(await answer.textContent()).toContain("Your questions answered");
    expect(await answer.textContent()).not.toContain("priya@example.org");

    const answered = await server.api("GET", `/api/blogs/${slug}/contributions?status=answered`, {
      token: editor.token,
    });
    expect(answered.json.contributions).toHaveLength(1);
    expect(answered.json.contributions[0].answerPostId).toEqual(expect.any(String));
    expect(reader.errors).toEqual([]);
    expect(desk.problems).toEqual([]);
  }, 180_000);

  it("says on the page that sending needs a script, and offers no form where it is off", async () => {
    const slug = "no-questions";
    await server.api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug, title: "Quiet coverage", language: "en" },
    });
    const off = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(off).not.toContain('<details class="contribute"');
    expect(off).not.toContain("/assets/contribute.js");
    const page = await (await fetch(`${server.url}/live/ask-the-desk`)).text();
    expect(page).toMatch(/<noscript><p class="contribute-noscript">Sending needs scripts/);
    expect(page).toMatch(/<script src="\/assets\/contribute\.js\?v=[\w-]+" defer>/);
  });
});
