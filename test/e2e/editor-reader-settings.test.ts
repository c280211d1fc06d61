// Readers' contributions and comments from a blog's settings in Chromium: an editor turns
// contributions on with a prompt, which the live page then offers; sets the comment mode,
// closing, the hourly limit and blocked words; a limit out of bounds is refused with the
// field's reason and changes nothing. Each panel saves only its own settings.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { signedIn } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = "reader-settings";
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({ slug, people: { editor: "Eda Editor" } });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
}, 180_000);

afterAll(() => newsroom?.close());

const blogJson = async () =>
  (await server.api("GET", `/api/blogs/${slug}`, { token: editor.token })).json;

describe("readers' contributions and comments in the blog settings", () => {
  it("saves each panel's settings, shows a refusal's reason, and leaves the other panel be", async () => {
    const { page } = await signedIn(browser, server, editor);
    await page.goto(`${server.url}/admin/blogs/${slug}/settings`);

    const contributions = page.getByRole("region", { name: "Reader contributions" });
    await contributions.getByLabel("Take readers' questions and eyewitness accounts").check();
    await contributions
      .getByLabel("Prompt shown on the form (optional)")
      .fill("  Are you near the harbour?  ");
    await contributions.getByRole("button", { name: "Save contributions" }).click();
    await contributions.getByText("Contributions saved.").waitFor();
    expect((await blogJson()).contributions).toEqual({
      enabled: true,
      prompt: "Are you near the harbour?",
    });
    const live = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(live).toContain("Are you near the harbour?");
    expect(
      await contributions.getByRole("link", { name: "Open the queue" }).getAttribute("href"),
    ).toBe(`/admin/blogs/${slug}/contributions`);

    const comments = page.getByRole("region", { name: "Readers' comments" });
    await comments.getByRole("combobox").selectOption("post");
    await comments.getByLabel("Closed: take no new comments (those approved stay)").check();
    const perHour = comments.getByLabel(
      "Comments one reader's address may send per hour (1 to 100)",
    );
    await perHour.fill("12");
    await comments
      .getByLabel("Blocked words, one per line: a comment holding one waits for an editor")
      .fill("spam\n  scam  \n\n");
    await comments.getByRole("button", { name: "Save comment settings" }).click();
    await comments.getByText("Comment settings saved.").waitFor();
    const saved = await blogJson();
    expect(saved).toMatchObject({
      comments: "post",
      commentsClosed: true,
      commentsPerHour: 12,
      commentWords: ["spam", "scam"],
    });
    // Saving comments left contributions as they were.
    expect(saved.contributions).toEqual({ enabled: true, prompt: "Are you near the harbour?" });

    // The browser's own checks let through what the server refuses: its reason is shown.
    await perHour.evaluate((input: HTMLInputElement) => {
      input.removeAttribute("max");
    });
    await perHour.fill("500");
    await comments.getByRole("button", { name: "Save comment settings" }).click();
    await comments.getByText("At most 100 comments an hour", { exact: false }).waitFor();
    expect((await blogJson()).commentsPerHour).toBe(12);
  }, 120_000);
});
