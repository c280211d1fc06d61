// A poll reaching its closing time, over real HTTP on SQLite and PostgreSQL, with two nodes
// sharing one database and both running the scheduler: readers on either node's event stream
// are told once that it closed, with its final counts; the post's JSON, its page and the export
// keep those counts; a late vote is refused; a closing time moved later closes it again. Once
// closed, no reader surface (live page, permalink, embed, lite page) offers the vote form: each
// shows the final counts and "Voting closed", also after the post is edited.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClosedEverywhere, pollOn, surfaces, until, vote } from "../helpers/polls.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

interface Tally {
  postId: string;
  pollId: string;
  totals: Record<string, number>;
  total: number;
  closed: boolean;
}

/** The `poll` events saying the poll closed, across streams, one per change (by its sequence). */
function closings(streams: SseClient[], pollId: string): Map<string, Tally> {
  const found = new Map<string, Tally>();
  for (const stream of streams) {
    for (const event of stream.events) {
      if (event.event !== "poll") continue;
      const tally = JSON.parse(event.data) as Tally;
      if (tally.pollId === pollId && tally.closed) found.set(event.id ?? "", tally);
    }
  }
  return found;
}

function closingSuite(backend: "sqlite" | "postgres") {
  let first: TestServer;
  let second: TestServer;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let admin: string;
  const slug = `closing-${backend}`;

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    dataDir = database ? undefined : await mkdtemp(path.join(tmpdir(), "dispatch-closing-"));
    const env = { PUBLIC_URL: "https://news.example" };
    const shared = database
      ? { databaseUrl: database.url, env }
      : { dataDir: dataDir as string, env };
    // One after the other: the first migrates the database the second then opens.
    first = await startTestServer(shared);
    second = await startTestServer(shared);
    admin = await first.tokenFor("admin");
    const made = await first.api("POST", "/api/blogs", {
      token: admin,
      body: { slug, title: "Referendum night" },
    });
    expect(made.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("tells readers once, on either node, that the poll closed, with its final counts kept everywhere", async () => {
    const streams = await Promise.all(
      [first, second].map((node) => connectSse(`${node.url}/api/blogs/${slug}/events`)),
    );
    const closesAt = new Date(Date.now() + 4000).toISOString();
    const made = await first.api("POST", `/api/blogs/${slug}/posts`, {
      token: admin,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Will turnout pass 50%?",
            answers: [
              { id: "yes", text: "Yes" },
              { id: "no", text: "No" },
            ],
            closesAt,
          },
        ],
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const postId = made.json.id as string;
    const pollId = made.json.blocks[0].id as string;
    // Open, every surface offers the vote form, and none says it closed.
    for (const where of surfaces(slug, postId)) {
      const page = await (await fetch(`${first.url}${where}`)).text();
      const poll = pollOn(page, pollId);
      expect(poll, where).toMatch(
        new RegExp(`^<form class="poll" method="post" action="/api/polls/${pollId}/votes"`),
      );
      expect(poll, where).not.toContain("Voting closed");
      // When it closes, in the blog's zone (UTC here).
      expect(poll, where).toMatch(
        new RegExp(
          `<p class="poll-closes">Closes at <time datetime="${closesAt}">\\d\\d:\\d\\d UTC</time></p>`,
        ),
      );
    }
    for (const [node, answer] of [
      [first, "yes"],
      [second, "yes"],
      [first, "no"],
    ] as const) {
      expect((await vote(node.url, pollId, answer)).status).toBe(200);
    }

    const seen = await until(
      () => closings(streams, pollId),
      (found) => found.size > 0,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(closesAt));
    // Both nodes keep looking every 100 ms: a second announcement would come well within this.
    await new Promise((r) => setTimeout(r, 2000));
    const all = closings(streams, pollId);
    expect(seen.size).toBe(1);
    expect([...all.values()]).toEqual([
      { postId, pollId, totals: { yes: 2, no: 1 }, total: 3, closed: true },
    ]);

    const late = await vote(second.url, pollId, "no");
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("poll_closed");

    const results = { totals: { yes: 2, no: 1 }, total: 3 };
    for (const node of [first, second]) {
      const post = await node.api("GET", `/api/blogs/${slug}/posts/${postId}`);
      expect(post.json.blocks[0]).toMatchObject({ id: pollId, closesAt, results });
      await expectClosedEverywhere(node.url, slug, postId, pollId);
    }
    // An edit after closing renders the post again: the poll stays closed.
    const current = await first.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    const edited = await second.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
      token: admin,
      body: { version: current.json.version, title: "Turnout, final" },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    await expectClosedEverywhere(first.url, slug, postId, pollId);
    const exported = await second.api("GET", `/api/blogs/${slug}/export?media=link`, {
      token: admin,
    });
    expect(exported.status).toBe(200);
    const item = exported.json.posts.find((p: { id: string }) => p.id === postId);
    expect(item.blocks[0]).toMatchObject({ id: pollId, closesAt, results });
    for (const stream of streams) stream.close();
  }, 60_000);

  it("closes again, once more, when an editor moves the closing time later", async () => {
    const streams = await Promise.all(
      [first, second].map((node) => connectSse(`${node.url}/api/blogs/${slug}/events`)),
    );
    const made = await first.api("POST", `/api/blogs/${slug}/posts`, {
      token: admin,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Recount?",
            answers: [{ text: "Yes" }, { text: "No" }],
            closesAt: new Date(Date.now() + 1500).toISOString(),
          },
        ],
      },
    });
    const postId = made.json.id as string;
    const pollId = made.json.blocks[0].id as string;
    const yes = made.json.blocks[0].answers[0].id as string;
    await until(
      () => closings(streams, pollId),
      (found) => found.size > 0,
    );

    const current = await first.api("GET", `/api/blogs/${slug}/posts/${postId}`);
    const blocks = structuredClone(current.json.blocks);
    blocks[0].closesAt = new Date(Date.now() + 2500).toISOString();
    const moved = await second.api("PATCH", `/api/blogs/${slug}/posts/${postId}`, {
      token: admin,
      body: { version: current.json.version, blocks },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    // Open again: the permalink offers the form once more.
    const reopened = await (await fetch(`${first.url}/live/${slug}/posts/${postId}`)).text();
    expect(pollOn(reopened, pollId)).toContain(`action="/api/polls/${pollId}/votes"`);
    expect((await vote(first.url, pollId, yes)).status).toBe(200);

    const again = await until(
      () => closings(streams, pollId),
      (found) => found.size > 1,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(again.size).toBe(2);
    expect(closings(streams, pollId).size).toBe(2);
    const [, last] = [...closings(streams, pollId)].sort(([a], [b]) => Number(a) - Number(b))[1]!;
    expect(last).toMatchObject({ totals: { [yes]: 1 }, total: 1, closed: true });
    for (const stream of streams) stream.close();
  }, 60_000);
}

describe("a poll closing on SQLite", () => closingSuite("sqlite"));
describe("a poll closing on PostgreSQL", () => closingSuite("postgres"));
