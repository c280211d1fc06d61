// The audit screen in Chromium: an admin narrows the log by person and by blog, reads entries
// as sentences naming the post and blog, follows the links, and a reload keeps the filters.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let amira: TestUser;
let bo: TestUser;
const harbour = `harbour-fire-${process.pid}`;
const bridge = `bridge-works-${process.pid}`;
let curfewId: string;
let depotId: string;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  admin = await server.userFor("admin", "Ada Admin");
  amira = await server.userFor("editor", "Amira Haddad");
  bo = await server.userFor("editor", "Bo Lindqvist");
  await makeBlog(server, amira.token, harbour, { title: "Harbour fire" });
  await makeBlog(server, bo.token, bridge, { title: "Bridge works" });
  const publish = async (token: string, slug: string, title: string) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { title, blocks: [paragraph(`${title}: more soon.`)] },
    });
    return answer.json.id as string;
  };
  curfewId = await publish(amira.token, harbour, "Curfew from ten");
  await publish(amira.token, bridge, "Lanes reopen");
  const inspection = await publish(bo.token, bridge, "Bridge inspection");
  await server.api("DELETE", `/api/blogs/${bridge}/posts/${inspection}`, { token: bo.token });
  const draft = await server.api("POST", `/api/blogs/${harbour}/posts`, {
    token: amira.token,
    body: { title: "Bus depot", status: "draft", blocks: [paragraph("Smoke at the depot.")] },
  });
  depotId = draft.json.id;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the audit screen", () => {
  it("narrows the log by person and by blog, in sentences with links, kept on reload", async () => {
    const desk = await signedIn(browser, server, admin);
    const { page } = desk;
    await page.getByRole("link", { name: "Audit log" }).click();
    const log = page.getByRole("list", { name: "Audit entries" });
    const entries = log.getByRole("listitem");
    await log.getByText("Bo Lindqvist deleted “Bridge inspection” from Bridge works at").waitFor();

    await page.getByLabel("Person").selectOption({ label: `Amira Haddad (${amira.email})` });
    const published = entries.filter({
      hasText: "Amira Haddad published “Curfew from ten” in Harbour fire at",
    });
    await published.waitFor();
    await expect.poll(() => entries.count()).toBe(4);
    for (const text of await entries.allTextContents()) expect(text).toMatch(/^Amira Haddad /);
    expect(
      await published.getByRole("link", { name: "“Curfew from ten”" }).getAttribute("href"),
    ).toBe(`/live/${harbour}/posts/${curfewId}`);

    await page.getByLabel("Blog").selectOption({ label: "Bridge works" });
    await entries
      .filter({ hasText: "Amira Haddad published “Lanes reopen” in Bridge works" })
      .waitFor();
    await expect.poll(() => entries.count()).toBe(1);

    await page.getByLabel("Person").selectOption({ label: `Bo Lindqvist (${bo.email})` });
    await entries.filter({ hasText: "Bo Lindqvist deleted “Bridge inspection”" }).waitFor();
    await expect.poll(() => entries.count()).toBe(3);
    // A deleted post is named, never linked.
    expect(await log.getByRole("link", { name: "“Bridge inspection”" }).count()).toBe(0);
    expect(page.url()).toContain(`actor=${bo.id}`);
    expect(page.url()).toContain(`blog=${bridge}`);

    await page.reload();
    await entries.filter({ hasText: "Bo Lindqvist created the blog Bridge works" }).waitFor();
    await expect.poll(() => entries.count()).toBe(3);
    expect(await page.getByLabel("Blog").inputValue()).toBe(bridge);
    expect(await page.getByLabel("Person").inputValue()).toBe(bo.id);

    await log.getByRole("link", { name: "Bridge works" }).first().click();
    await page.getByText("Live updates on").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/blogs/${bridge}`);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("opens on an action given in its URL, and a draft's link shows it on the desk", async () => {
    const desk = await signedIn(browser, server, admin);
    const { page } = desk;
    await page.goto(`${server.url}/admin/audit?action=post.draft`);
    const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
    await entries
      .filter({ hasText: "Amira Haddad saved “Bus depot” as a draft in Harbour fire" })
      .waitFor();
    await expect.poll(() => entries.count()).toBe(1);
    expect(await page.getByLabel("Action").inputValue()).toBe("post.draft");
    await entries.getByRole("link", { name: "“Bus depot”" }).click();
    await page.getByText("Live updates on").waitFor();
    expect(new URL(page.url()).hash).toBe(`#desk-post-${depotId}`);
    await expect.poll(() => page.locator(`#desk-post-${depotId}`).isVisible()).toBe(true);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
