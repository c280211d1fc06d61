// axe-core on every newsroom screen in Chromium: sign-in, the blog list, a blog's desk with
// its composer, the media library, poll form and takedown dialogs, blog settings, a blog's numbers, users,
// API tokens, the audit log, webhooks, one's account, the readers' contributions queue with an
// answer being written, and the comment moderation screen; then the states and dialogs a
// first look misses: settings with key figures (two sources, one replaced), contributions and
// comments switched on, one webhook's own screen, choosing a new password after a reset, the
// reset dialog, a published post being edited (correction note, source, verification), the
// delete confirmation, the embed dialog, the approval queue with its return dialog, the
// desk's search results, the outbox while offline, the conflict dialog, and a reporter's desk;
// and the list, desk and settings at a phone's width. axe runs under the app's own policy
// (test/helpers/axe.ts).

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contribute } from "../contributions/reader.js";
import { axeViolations } from "../helpers/axe.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let reporter: TestUser;
const slug = "axe-desk";

beforeAll(async () => {
  await ensureEditorBuilt();
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await server.userFor("admin", "Ada Admin");
  reporter = await server.userFor("reporter", "Rhys Reporter");
  await server.api("POST", "/api/blogs", {
    token: admin.token,
    body: { slug, title: "Flooding in the valley", reporterMode: "approval" },
  });
  // A key figure two sources give, one of them since replaced: the settings show both forms.
  const figure = await server.api("POST", `/api/blogs/${slug}/figures`, {
    token: admin.token,
    body: {
      label: "Evacuated",
      values: [
        { value: 300, unit: "people", source: { name: "Police" }, asOf: "2026-05-01T09:00:00Z" },
        {
          value: 420,
          qualifier: "at least",
          unit: "people",
          source: { name: "Red Cross", url: "https://redcross.example/" },
          asOf: "2026-05-01T10:00:00Z",
        },
      ],
    },
  });
  expect(figure.status, JSON.stringify(figure.json)).toBe(201);
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

describe("the newsroom's screens", () => {
  it("have no accessibility violations", { timeout: 180_000 }, async () => {
    const context = await browser.newContext({
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

  it("have none in their dialogs and less common states", { timeout: 180_000 }, async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const signIn = async (user: TestUser, password = user.password) => {
      await page.goto(`${server.url}/admin`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    };

    // A reporter's post waits for approval; a webhook is registered.
    const waiting = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: reporter.token,
      body: { title: "Bridge shut", blocks: [paragraph("The old bridge is shut to traffic.")] },
    });
    expect(waiting.status, JSON.stringify(waiting.json)).toBe(201);
    const hook = await server.api("POST", "/api/webhooks", {
      token: admin.token,
      body: { url: "https://hooks.example/dispatch", blogs: [slug] },
    });
    expect(hook.status, JSON.stringify(hook.json)).toBe(201);

    await signIn(admin);
    await page.getByRole("heading", { name: "Live blogs" }).waitFor();

    // Settings with the figures, contributions and comments panels all in use.
    await server.api("PATCH", `/api/blogs/${slug}`, {
      token: admin.token,
      body: { contributions: { enabled: true } },
    });
    await page.goto(`${server.url}/admin/blogs/${slug}/settings`);
    await page.getByRole("form", { name: "Evacuated" }).waitFor();
    found["settings with figures"] = await axeViolations(page);

    await page.goto(`${server.url}/admin/webhooks/${hook.json.id}`);
    await page.locator("main").getByText("https://hooks.example/dispatch").first().waitFor();
    found["one webhook"] = await axeViolations(page);

    await page.goto(`${server.url}/admin/users`);
    await page.getByRole("button", { name: `Reset password of ${reporter.email}` }).click();
    await page.getByRole("dialog").waitFor();
    found["reset password dialog"] = await axeViolations(page);
    await page.keyboard.press("Escape");

    await page.goto(`${server.url}/admin/blogs/${slug}`);
    const timeline = page.locator(".timeline");
    const published = timeline.locator("article", { hasText: "The A3 is shut at Castmere." });
    await published.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    found["editing a published post"] = await axeViolations(page);
    await published.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this post?" }).waitFor();
    found["delete confirmation"] = await axeViolations(page);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Embed", exact: true }).click();
    await page.getByRole("dialog", { name: "Embed this blog on another site" }).waitFor();
    found["embed dialog"] = await axeViolations(page);
    await page.keyboard.press("Escape");
    const queue = page.locator(".queue").locator("article", { hasText: "Bridge shut" });
    await queue.getByRole("button", { name: "Return" }).click();
    await page.getByRole("dialog", { name: "Return to the reporter" }).waitFor();
    found["approval queue and return dialog"] = await axeViolations(page);
    await page.keyboard.press("Escape");
    await page.getByLabel("Search posts").fill("Castmere");
    await page.getByLabel("Search posts").press("Enter");
    await page.getByRole("list", { name: "Search results" }).getByRole("article").first().waitFor();
    found["desk search results"] = await axeViolations(page);

    // Offline: a post published waits in the outbox panel.
    await page.getByRole("button", { name: "Stop editing" }).click();
    await page.getByRole("heading", { name: "New post" }).waitFor();
    await context.setOffline(true);
    await page.getByText("Offline", { exact: true }).waitFor();
    await page.getByRole("textbox", { name: "Post body" }).click();
    await page.keyboard.type("Generator failing at the shelter.");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("heading", { name: "1 post waiting to send" }).waitFor();
    found["outbox while offline"] = await axeViolations(page);
    await context.setOffline(false);
    await page
      .getByRole("heading", { name: "1 post waiting to send" })
      .waitFor({ state: "detached" });

    // A colleague's edit lands while this one is being written: the conflict dialog.
    await published.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    const current = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts.find(
      (post: { title: string }) => post.title === "Roads closed",
    );
    const changed = await server.api("PATCH", `/api/blogs/${slug}/posts/${current.id}`, {
      token: admin.token,
      body: { version: current.version, title: "Roads closed at Castmere" },
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    await page.getByRole("textbox", { name: "Post body" }).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" Diversion via Mill Lane.");
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByRole("dialog", { name: "Someone else changed this post" }).waitFor();
    found["conflict dialog"] = await axeViolations(page);

    // A reporter's own desk, on a blog whose posts wait for approval.
    const other = await server.userFor("reporter", "Rae Reporter");
    await context.clearCookies();
    await signIn(other);
    await page.getByRole("heading", { name: "Live blogs" }).waitFor();
    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByRole("button", { name: "Submit for approval" }).waitFor();
    found["reporter's desk"] = await axeViolations(page);

    // After an admin's reset, the reporter must choose a new password before anything else.
    const reset = await server.api("POST", `/api/users/${reporter.id}/password`, {
      token: admin.token,
      body: { password: "temporary passphrase" },
    });
    expect(reset.status, JSON.stringify(reset.json)).toBe(200);
    await context.clearCookies();
    await signIn(reporter, "temporary passphrase");
    await page.getByLabel("New password", { exact: true }).waitFor();
    found["choose a new password"] = await axeViolations(page);

    await context.close();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
  });

  it("have none on a phone's width, where reporters in the field use them", {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 800 },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Live blogs" }).waitFor();
    found["blog list"] = await axeViolations(page);
    await page.goto(`${server.url}/admin/blogs/${slug}`);
    await page.getByText("Live updates on").waitFor();
    await page.locator(".timeline article").first().waitFor();
    found["desk and composer"] = await axeViolations(page);
    await page.goto(`${server.url}/admin/blogs/${slug}/settings`);
    await page.getByRole("form", { name: "Evacuated" }).waitFor();
    found["blog settings"] = await axeViolations(page);
    await context.close();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
  });
});
