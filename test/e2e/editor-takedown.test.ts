// The legal takedown from the desk in Chromium against a real server: an editor takes a
// corrected post down, giving the reason the dialog asks for (it cannot be sent without one);
// the post leaves the desk and an open reader page live, its page and history are gone, and
// the audit log keeps the reason. A reporter's desk offers no takedown.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, type TestServer, type TestUser } from "../helpers/server.js";
import { openPage } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `court-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
let reporter: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rana Reporter" },
  });
  ({ server, browser } = newsroom);
  ({ editor, reporter } = newsroom.people);
}, 180_000);

afterAll(() => newsroom?.close());

describe("a legal takedown from the desk", () => {
  it("asks for the reason, then takes the post off every reader's view", async () => {
    const created = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { title: "Named official", blocks: [paragraph("The official named here is accused.")] },
    });
    expect(created.status).toBe(201);
    const post = created.json;
    const corrected = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor.token,
      body: {
        blocks: [paragraph("The official named here is suspected.")],
        correction: "An earlier version said accused.",
        version: post.version,
      },
    });
    expect(corrected.status).toBe(200);

    // A reporter sees the post on the desk, with no way to take it down.
    const reporterDesk = await newsroom.deskFor(reporter);
    const seen = reporterDesk.page.locator(".timeline article", { hasText: "Named official" });
    await seen.waitFor();
    expect(await seen.getByRole("button", { name: "Take down" }).count()).toBe(0);
    await reporterDesk.context.close();

    const reader = (await openPage(browser)).page;
    await reader.goto(`${server.url}/live/${slug}`);
    await reader.waitForFunction(() => document.documentElement.dataset.live === "connected");
    await reader.locator(`#post-${post.id}`).waitFor();

    const desk = await newsroom.deskFor(editor);
    const { page } = desk;
    const card = page.locator(".timeline article", { hasText: "Named official" });
    await card.getByRole("button", { name: "Take down" }).click();
    const dialog = page.getByRole("dialog", { name: "Legal takedown" });
    const confirm = dialog.getByRole("button", { name: "Take down" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`)).status).toBe(200);

    await card.getByRole("button", { name: "Take down" }).click();
    await dialog.getByLabel("Reason (kept in the audit log)").fill("Court order 12/2026");
    await confirm.click();
    await page.getByText("Post taken down.").waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await expect
      .poll(() => reader.locator(`#post-${post.id}`).count(), { timeout: 20_000 })
      .toBe(0);
    for (const path of [
      `/live/${slug}/posts/${post.id}`,
      `/live/${slug}/posts/${post.id}/history`,
      `/api/blogs/${slug}/posts/${post.id}/history`,
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    const audit = await server.api("GET", `/api/audit?blog=${slug}&action=post.takedown`, {
      token: await server.tokenFor("admin"),
    });
    expect(audit.json.entries).toHaveLength(1);
    expect(audit.json.entries[0].detail.reason).toBe("Court order 12/2026");
    expect(audit.json.entries[0].actor.name).toBe("Eda Editor");
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
