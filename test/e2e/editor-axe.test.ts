// axe-core on every newsroom screen in Chromium: sign-in, the blog list, a blog's desk with
// its composer, the media library, poll form and takedown dialogs, blog settings, a blog's numbers, users,
// API tokens, the audit log, webhooks, one's account, the readers' contributions queue with an
// answer being written, and the comment moderation screen. axe is injected with bypassCSP on
// the browser context (the app's policy runs only the app's own scripts; the test's is not one
// of them).

import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contribute } from "../contributions/reader.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt } from "./editor-support.js";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let server: TestServer;
let browser: Browser;
let admin: TestUser;
const slug = "axe-desk";

beforeAll(async () => {
  await ensureEditorBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await server.userFor("admin", "Ada Admin");
  await server.api("POST", "/api/blogs", {
    token: admin.token,
    body: { slug, title: "Flooding in the valley" },
  });
  await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: admin.token,
    body: { title: "Roads closed", blocks: [paragraph("The A3 is shut at Castmere.")] },
  });
  // A reader's comment waiting, so the moderation screen has one to show.
  await server.api("PATCH", `/api/blogs/${slug}`, {
    token: admin.token,
    body: { comments: "pre" },
  });
  await server.api("POST", `/api/blogs/${slug}/comments`, {
    body: { name: "Reader", text: "Is the bypass open?" },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global
    const result = await (window as any).axe.run(document);
    return (
      result.violations as { id: string; nodes: { target: string[]; failureSummary: string }[] }[]
    ).map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join("; ")}`,
    );
  });
}

describe("the newsroom's screens", () => {
  it("have no accessibility violations", { timeout: 180_000 }, async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};

    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").waitFor();
    found["sign-in"] = await axeViolations(page);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Live blogs" }).waitFor();
    found["blog list"] = await axeViolations(page);

    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByText("Live updates on").waitFor();
    await page.getByText("The A3 is shut at Castmere.").first().waitFor();
    found["desk and composer"] = await axeViolations(page);
    await page.getByRole("button", { name: "Media library" }).click();
    await page.getByRole("dialog", { name: "Media library" }).waitFor();
    found["media library"] = await axeViolations(page);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Poll: add one, or change the one selected" }).click();
    const pollForm = page.getByRole("dialog", { name: "New poll" });
    // With an answer added and a refusal showing, so its remove buttons and alert are checked.
    await pollForm.getByRole("button", { name: "Add an answer" }).click();
    await pollForm.getByRole("button", { name: "Insert poll" }).click();
    await pollForm.getByRole("alert").waitFor();
    found["poll form"] = await axeViolations(page);
    await page.keyboard.press("Escape");
    const published = page.locator(".timeline article", { hasText: "Roads closed" });
    await published.getByRole("button", { name: "Take down" }).click();
    const takedown = page.getByRole("dialog", { name: "Legal takedown" });
    await takedown.waitFor();
    found["takedown dialog"] = await axeViolations(page);
    await takedown.getByRole("button", { name: "Cancel" }).click();

    const screens: [string, string, string][] = [
      ["blog settings", `/admin/blogs/${slug}/settings`, "Flooding in the valley"],
      ["numbers", `/admin/blogs/${slug}/numbers`, "Readers as a table"],
      ["users", "/admin/users", "Users"],
      ["tokens", "/admin/tokens", "API tokens"],
      ["audit log", "/admin/audit", "Audit log"],
      ["webhooks", "/admin/webhooks", "Webhooks"],
      ["account", "/admin/account", "Ada Admin"],
      ["comment moderation", `/admin/blogs/${slug}/comments`, "Is the bypass open?"],
    ];
    for (const [name, path, text] of screens) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main").getByText(text).first().waitFor();
      found[name] = await axeViolations(page);
    }

    // The readers' contributions queue, with one waiting, and its answer form open.
    await server.api("PATCH", `/api/blogs/${slug}`, {
      token: admin.token,
      body: { contributions: { enabled: true } },
    });
    const sent = await contribute(server, slug, {
      text: "Is the A3 open again?",
      name: "Sam",
      contact: "sam@example.org",
    });
    expect(sent.status).toBe(201);
    await page.goto(`${server.url}/admin/blogs/${slug}/contributions`);
    await page.getByText("Is the A3 open again?").waitFor();
    found["reader contributions"] = await axeViolations(page);
    await page.getByRole("button", { name: "Answer" }).click();
    await page.getByLabel("Your answer").waitFor();
    found["answering a contribution"] = await axeViolations(page);
    await context.close();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
  });
});
