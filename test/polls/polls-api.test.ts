// Polls over real HTTP on SQLite and PostgreSQL: 50 browsers (each its own cookie jar) vote,
// and the totals are right in the post's JSON, on the page and through the event stream; a
// second vote from one browser, a vote in a closed poll and an answer not the poll's are
// refused; a form sent without a script comes back to the post; results the composer sends
// are ignored; a vote never shows under an answer it was not cast for; the address limit
// answers 429.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

const BROWSERS = 50;

/** One browser: keeps the voter cookie the server sets, as a browser's jar would. */
class Browser {
  cookie: string | undefined;
  constructor(readonly base: string) {}

  async vote(pollId: string, answer: unknown, form = false) {
    const response = await fetch(`${this.base}/api/polls/${pollId}/votes`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: form
        ? new URLSearchParams({ answer: String(answer) }).toString()
        : JSON.stringify({ answer }),
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith("dispatch_voter="));
    if (set) this.cookie = set.split(";")[0];
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : null,
    };
  }
}

function pollSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  const slug = `vote-${backend}`;

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      ...(database ? { databaseUrl: database.url } : {}),
      env: { POLL_VOTES_PER_MINUTE: "1000" },
    });
    editor = await server.tokenFor("editor");
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Bridge vote" },
    });
    expect(made.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const publishPoll = async (extra: Record<string, unknown> = {}) => {
    const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        blocks: [
          { type: "paragraph", text: "Tell us what you think." },
          {
            type: "poll",
            question: "Should the bridge reopen?",
            answers: [{ id: "yes", text: "Yes" }, { id: "no", text: "No" }, { text: "Not yet" }],
            // A client's results are never taken.
            results: { totals: { yes: 999 }, total: 999 },
            ...extra,
          },
        ],
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const poll = made.json.blocks[1];
    expect(poll.results).toBeUndefined();
    expect(poll.id.startsWith(`${made.json.id}-`)).toBe(true);
    expect(poll.answers.map((a: { id: string }) => a.id).slice(0, 2)).toEqual(["yes", "no"]);
    expect(poll.answers[2].id).toMatch(/^[a-z0-9]{6}$/);
    return {
      postId: made.json.id as string,
      pollId: poll.id as string,
      third: poll.answers[2].id as string,
    };
  };

  it("counts 50 browsers' votes, live on the event stream, in the post's JSON and on the page", async () => {
    const { postId, pollId, third } = await publishPoll();
    const sse = await connectSse(`${server.url}/api/blogs/${slug}/events`);
    const choices = Array.from({ length: BROWSERS }, (_, i) =>
      i % 5 === 0 ? third : i % 2 === 0 ? "yes" : "no",
    );
    const expected = { yes: 0, no: 0, [third]: 0 } as Record<string, number>;
    for (const choice of choices) expected[choice] = (expected[choice] ?? 0) + 1;
    const browsers = choices.map(() => new Browser(server.url));
    const answers = await Promise.all(browsers.map((b, i) => b.vote(pollId, choices[i])));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(new Set(browsers.map((b) => b.cookie)).size).toBe(BROWSERS);
    expect(Math.max(...answers.map((a) => a.json.total))).toBe(BROWSERS);

    // A burst is coalesced: the stream's latest `poll` event carries every vote.
    const deadline = Date.now() + 10_000;
    let last: { totals: Record<string, number>; total: number } | undefined;
    while (Date.now() < deadline) {
      const polls = sse.events.filter((e) => e.event === "poll");
      last = polls.length ? JSON.parse(polls[polls.length - 1]!.data) : undefined;
      if (last?.total === BROWSERS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(last).toEqual({ postId, pollId, totals: expected, total: BROWSERS, closed: false });
    expect(sse.events.filter((e) => e.event === "poll").length).toBeLessThan(BROWSERS / 2);
    sse.close();

    const post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    expect(post.json.blocks[1].results).toEqual({ totals: expected, total: BROWSERS });

    const page = await (await fetch(`${server.url}/live/${slug}/posts/${postId}`)).text();
    expect(page).toContain(`action="/api/polls/${pollId}/votes"`);
    expect(page).toContain(`<p class="poll-total">${BROWSERS} votes</p>`);
    expect(page).toContain(`value="${expected.yes}" data-answer="yes"`);
    expect(page).toContain(`<span class="poll-votes" data-answer="no">${expected.no} votes</span>`);

    // A second vote from one browser is refused, and counts nothing.
    const again = await browsers[0]!.vote(pollId, "no");
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_voted");
    // A cookie that is not the server's is a new voter, not the old one.
    const forged = new Browser(server.url);
    forged.cookie = `dispatch_voter=${browsers[1]!.cookie!.split("=")[1]!.split(".")[0]}.AAAA`;
    expect((await forged.vote(pollId, "no")).status).toBe(200);
  });

  it("refuses an unknown answer (422 naming the field), a closed poll and an unknown poll", async () => {
    const { pollId } = await publishPoll();
    const browser = new Browser(server.url);
    const wrong = await browser.vote(pollId, "maybe");
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: "validation_failed", field: "answer" });
    // The refused vote spent nothing: the same browser may still vote.
    expect((await browser.vote(pollId, "yes")).status).toBe(200);

    const closed = await publishPoll({ closesAt: "2020-01-01T00:00:00Z" });
    const late = await new Browser(server.url).vote(closed.pollId, "yes");
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("poll_closed");

    const unknown = await new Browser(server.url).vote(`${closed.postId}-zzzzzz`, "yes");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("poll_not_found");
  });

  it("takes a form's vote without a script and sends the browser back to the post", async () => {
    const { postId, pollId } = await publishPoll();
    const browser = new Browser(server.url);
    const sent = await browser.vote(pollId, "no", true);
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/live/${slug}/posts/${postId}`);
    const again = await browser.vote(pollId, "yes", true);
    expect(again.status).toBe(303);
    const deadline = Date.now() + 5000;
    let results: unknown;
    while (Date.now() < deadline) {
      results = (await server.api("GET", `/api/blogs/${slug}/posts/${postId}`)).json.blocks[1]
        .results;
      if (results) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(results).toMatchObject({ totals: { no: 1, yes: 0 }, total: 1 });
  });

  it("keeps the votes when the post is edited, by answer id", async () => {
    const { postId, pollId } = await publishPoll();
    expect((await new Browser(server.url).vote(pollId, "yes")).status).toBe(200);
    const deadline = Date.now() + 5000;
    let post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    while (!post.json.blocks[1].results && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    }
    const blocks = structuredClone(post.json.blocks);
    blocks[1].answers[0].text = "Yes, now";
    blocks[1].results = { totals: { yes: 0 }, total: 0 };
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
      token: editor,
      body: { version: post.json.version, blocks },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json.blocks[1].id).toBe(pollId);
    expect(edited.json.blocks[1].results.totals.yes).toBe(1);
  });

  it("never moves a vote to other words: a removed answer's id sent on a new answer is replaced", async () => {
    const { postId, pollId, third } = await publishPoll();
    expect((await new Browser(server.url).vote(pollId, "yes")).status).toBe(200);
    const deadline = Date.now() + 5000;
    let post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    while (!post.json.blocks[1].results && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      post = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    }
    expect(post.json.blocks[1].results.totals.yes).toBe(1);
    // "Yes" removed, then a new answer sent under its id.
    const blocks = structuredClone(post.json.blocks);
    blocks[1].answers = [
      { id: "no", text: "No" },
      { id: third, text: "Not yet" },
    ];
    const removed = await server.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
      token: editor,
      body: { version: post.json.version, blocks },
    });
    expect(removed.status, JSON.stringify(removed.json)).toBe(200);
    blocks[1].answers.push({ id: "yes", text: "Never" });
    const reused = await server.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
      token: editor,
      body: { version: removed.json.version, blocks },
    });
    expect(reused.status, JSON.stringify(reused.json)).toBe(200);
    const never = reused.json.blocks[1].answers[2];
    expect(never.text).toBe("Never");
    expect(never.id).not.toBe("yes");
    expect(reused.json.blocks[1].results).toEqual({
      totals: { no: 0, [third]: 0, [never.id]: 0 },
      total: 0,
    });
    // And so it stays when the next vote is counted from the database.
    expect((await new Browser(server.url).vote(pollId, never.id)).status).toBe(200);
    let after = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    while (after.json.blocks[1].results.total !== 1 && Date.now() < deadline + 5000) {
      await new Promise((r) => setTimeout(r, 100));
      after = await server.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    }
    expect(after.json.blocks[1].results).toEqual({
      totals: { no: 0, [third]: 0, [never.id]: 1 },
      total: 1,
    });
    const page = await (await fetch(`${server.url}/live/${slug}/posts/${postId}`)).text();
    expect(page).toContain('<p class="poll-total">1 vote</p>');
  });
}

describe("polls on SQLite", () => pollSuite("sqlite"));
describe("polls on PostgreSQL", () => pollSuite("postgres"));

describe("the address limit", () => {
  let server: TestServer;
  afterAll(() => server?.close());
  it("answers 429 with Retry-After past the votes an address may cast", async () => {
    server = await startTestServer({ env: { POLL_VOTES_PER_MINUTE: "2" } });
    const editor = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", { token: editor, body: { slug: "limit", title: "L" } });
    const made = await server.api("POST", "/api/blogs/limit/posts", {
      token: editor,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Q?",
            answers: [
              { id: "a", text: "A" },
              { id: "b", text: "B" },
            ],
          },
        ],
      },
    });
    const pollId = made.json.blocks[0].id;
    expect((await new Browser(server.url).vote(pollId, "a")).status).toBe(200);
    expect((await new Browser(server.url).vote(pollId, "a")).status).toBe(200);
    const third = await new Browser(server.url).vote(pollId, "a");
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe("too_many_attempts");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
