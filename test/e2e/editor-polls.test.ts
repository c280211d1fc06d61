// Making a poll in the composer, in Chromium against a real server: the Poll action's form
// (a missing question refused at the field, answers added and removed, a closing time typed on
// the blog's Kyiv clock from a desk in London), the poll inserted, changed while unpublished,
// and published; the API's block is what the form said; a reader votes on the live page and
// sees the results; back in the composer the voted poll's answers are fixed while its question
// can still be changed, and the votes stay where they were cast.

import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromWallTime } from "../../src/core/zoned-time.js";
import type { TestServer, TestUser } from "../helpers/server.js";
import { openBlogDesk, typePost } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `referendum-${process.pid}`;
let newsroom: Newsroom<"editor">;
let server: TestServer;
let browser: Browser;
let editor: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor" },
    blog: { timezone: "Europe/Kyiv", language: "en" },
  });
  ({ server, browser } = newsroom);
  editor = newsroom.people.editor;
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await newsroom?.close();
});

/** Tomorrow at 21:30 on the Kyiv clock, as a datetime-local value. */
function tomorrowEvening(): string {
  const day = new Date(Date.now() + 24 * 3600 * 1000).toLocaleDateString("en-CA", {
    timeZone: "Europe/Kyiv",
  });
  return `${day}T21:30`;
}

describe("a poll made in the composer", () => {
  it("is made, published, voted in on the reader page, and keeps its answers once voted", {
    timeout: 120_000,
  }, async () => {
    const desk = await newsroom.deskFor(editor, { timezoneId: "Europe/London", locale: "en-GB" });
    contexts.push(desk.context);
    const { page } = desk;
    await typePost(page, "Tell us what you think.");

    await page.getByRole("button", { name: "Poll: add one, or change the one selected" }).click();
    const form = page.getByRole("dialog", { name: "New poll" });
    await form.waitFor();
    // Refused at the field, nothing inserted.
    await form.getByRole("button", { name: "Insert poll" }).click();
    await form.getByRole("alert").getByText("A poll needs a question.").waitFor();
    expect(await form.getByLabel("Question").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel("Question").evaluate((e) => e === document.activeElement)).toBe(
      true,
    );

    await form.getByLabel("Question").fill("Should the bridge reopen to cars?");
    await form.getByRole("textbox", { name: "Answer 1", exact: true }).fill("Yes");
    await form.getByRole("textbox", { name: "Answer 2", exact: true }).fill("No");
    // Two answers at least: none can be removed yet.
    expect(await form.getByRole("button", { name: /^Remove answer/ }).count()).toBe(0);
    for (let n = 3; n <= 6; n++) {
      await form.getByRole("button", { name: "Add an answer" }).click();
      await form.getByRole("textbox", { name: `Answer ${n}`, exact: true }).fill(`Answer ${n}`);
    }
    // Six at most.
    expect(await form.getByRole("button", { name: "Add an answer" }).count()).toBe(0);
    for (let n = 6; n >= 4; n--) {
      await form.getByRole("button", { name: `Remove answer ${n}` }).click();
    }
    await form.getByRole("textbox", { name: "Answer 3", exact: true }).fill("Buses only");
    const closing = tomorrowEvening();
    const closes = form.locator("label", { hasText: "Closes at" });
    // Named by the blog's zone, not the desk's (London).
    expect(await closes.textContent()).toMatch(/^Closes at \(Kyiv time, [^)]+\), optional/);
    await closes.locator("input").fill(closing);
    await form.getByRole("button", { name: "Insert poll" }).click();
    await form.waitFor({ state: "detached" });

    const node = page.locator(".composer-poll");
    await expect
      .poll(() => node.locator("li").allTextContents())
      .toEqual(["Yes · 0 votes", "No · 0 votes", "Buses only · 0 votes"]);
    // Unpublished and unvoted: its answers may still change.
    await node.getByRole("button", { name: "Edit poll" }).click();
    const again = page.getByRole("dialog", { name: "Edit poll" });
    await again
      .getByRole("textbox", { name: "Answer 3", exact: true })
      .fill("Buses and bikes only");
    await again.getByRole("button", { name: "Save poll" }).click();
    await again.waitFor({ state: "detached" });
    await node.getByText("Buses and bikes only · 0 votes").waitFor();

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText("Post published.").waitFor();

    const listed = await server.api("GET", `/api/blogs/${slug}/posts`);
    const post = listed.json.posts[0];
    expect(post.blocks[0]).toEqual({ type: "paragraph", text: "Tell us what you think." });
    const poll = post.blocks[1];
    expect(poll).toMatchObject({
      type: "poll",
      question: "Should the bridge reopen to cars?",
      answers: [{ text: "Yes" }, { text: "No" }, { text: "Buses and bikes only" }],
    });
    expect(Date.parse(poll.closesAt)).toBe(Date.parse(fromWallTime(closing, "Europe/Kyiv")!));
    expect(poll.id.startsWith(`${post.id}-`)).toBe(true);
    const [yes, no, buses] = poll.answers.map((answer: { id: string }) => answer.id);
    expect(new Set([yes, no, buses]).size).toBe(3);

    // A reader votes on the live page and sees the results.
    const readerContext = await browser.newContext();
    contexts.push(readerContext);
    const reader = await readerContext.newPage();
    await reader.goto(`${server.url}/live/${slug}`);
    const shown = reader.locator(`form.poll[data-poll="${poll.id}"]`);
    await shown.getByText("Should the bridge reopen to cars?").waitFor();
    await shown.getByLabel("Buses and bikes only").check();
    await shown.getByRole("button", { name: "Vote" }).click();
    await reader.locator(`form.poll.poll-voted[data-poll="${poll.id}"]`).waitFor();
    expect(await shown.locator(`.poll-votes[data-answer="${buses}"]`).textContent()).toBe("1 vote");
    expect(await shown.locator(".poll-total").textContent()).toBe("1 vote");
    await expect
      .poll(async () => {
        const stored = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`);
        return stored.json.blocks[1].results;
      })
      .toEqual({ totals: { [yes]: 0, [no]: 0, [buses]: 1 }, total: 1 });

    // Back in the composer: the vote shows, the answers are fixed, the question is not.
    await openBlogDesk(desk, server, slug);
    const card = page.locator("article.desk-post", { hasText: "Tell us what you think." });
    await card.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Editing a published post" }).waitFor();
    await page.locator(".composer-poll").getByText("Buses and bikes only · 1 vote").waitFor();
    await page.locator(".composer-poll").getByRole("button", { name: "Edit poll" }).click();
    const voted = page.getByRole("dialog", { name: "Edit poll" });
    await voted.getByText("Readers have voted, so the answers are fixed").waitFor();
    expect(
      await voted.getByRole("textbox", { name: "Answer 3", exact: true }).getAttribute("readonly"),
    ).not.toBeNull();
    expect(await voted.getByRole("button", { name: "Add an answer" }).count()).toBe(0);
    expect(await voted.getByRole("button", { name: /^Remove answer/ }).count()).toBe(0);
    await voted.getByLabel("Question").fill("Should the bridge reopen to cars this year?");
    await voted.getByRole("button", { name: "Save poll" }).click();
    await voted.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Update post" }).click();
    await page.getByText("Post updated.").waitFor();

    const edited = (await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`)).json;
    expect(edited.blocks[1]).toEqual({
      ...poll,
      question: "Should the bridge reopen to cars this year?",
      results: { totals: { [yes]: 0, [no]: 0, [buses]: 1 }, total: 1 },
    });
    expect(desk.problems).toEqual([]);
  });
});
