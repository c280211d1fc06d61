// Readers' comments over real HTTP on SQLite and PostgreSQL: under pre-moderation nothing is
// public before an editor approves it (page, JSON, live stream and its replay); under
// post-moderation a comment is out at once and readers' reports take it down; a blocked word
// holds a comment; a rejected comment's words are on no public surface, replay included;
// closing refuses new comments and says so on the page; the per-address limit answers 429
// with Retry-After; a form sent without a script comes back to the page. Each reader is its
// own address (X-Forwarded-For from a trusted proxy).

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

// The machine running the suite may be busy: each step waits longer than usual.
vi.setConfig({ testTimeout: 120_000 });

let readers = 0;
/** A reader at an address of its own. */
const newAddress = () => {
  readers += 1;
  return `203.0.113.${readers}`;
};

function commentSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  let reporter: string;

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      ...(database ? { databaseUrl: database.url } : {}),
      env: { TRUST_PROXY: "127.0.0.1" },
    });
    editor = await server.tokenFor("editor");
    reporter = await server.tokenFor("reporter");
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const makeBlog = async (slug: string, settings: Record<string, unknown>) => {
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: `Harbour fire ${slug}` },
    });
    expect(made.status).toBe(201);
    const set = await server.api("PATCH", `/api/blogs/${slug}`, { token: editor, body: settings });
    expect(set.status).toBe(200);
    return set.json;
  };

  const comment = (slug: string, body: Record<string, unknown>, address = newAddress()) =>
    server.api("POST", `/api/blogs/${slug}/comments`, {
      body,
      headers: { "x-forwarded-for": address },
    });
  const report = (id: string, address = newAddress()) =>
    server.api("POST", `/api/comments/${id}/reports`, { headers: { "x-forwarded-for": address } });
  const publicComments = async (slug: string) => {
    const answer = await server.api("GET", `/api/blogs/${slug}/comments`);
    expect(answer.status).toBe(200);
    return answer.json.comments as { id: string; text: string; replies: { text: string }[] }[];
  };
  const page = async (slug: string) => (await fetch(`${server.url}/live/${slug}`)).text();
  const replay = async (slug: string) => {
    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=0`);
    const sse = await connectSse(`${server.url}/api/blogs/${slug}/events?lastEventId=0`);
    const events = await sse.waitForEvents(changes.json.changes.length);
    sse.close();
    return { changes: JSON.stringify(changes.json), events };
  };
  const queue = async (slug: string, state: "pending" | "reported") => {
    const answer = await server.api("GET", `/api/blogs/${slug}/comments/queue?state=${state}`, {
      token: editor,
    });
    expect(answer.status).toBe(200);
    return answer.json.comments as { id: string; heldFor: string | null; reports: number }[];
  };

  it("pre-moderation: nothing public before approval, then out on page, JSON and stream", async () => {
    const slug = `pre-${backend}`;
    const blog = await makeBlog(slug, { comments: "pre" });
    expect(blog.comments).toBe("pre");
    const live = await connectSse(`${server.url}/api/blogs/${slug}/events`);

    const sent = await comment(slug, { name: "Mira", text: "Is the ferry running tonight?" });
    expect(sent.status).toBe(201);
    expect(sent.json.status).toBe("held");

    expect(await publicComments(slug)).toEqual([]);
    const before = await page(slug);
    expect(before).toContain('id="comments"');
    expect(before).not.toContain("Is the ferry running tonight?");
    const replayed = await replay(slug);
    expect(replayed.changes).not.toContain("ferry");
    expect(replayed.events.some((event) => event.event === "comment")).toBe(false);
    const waiting = await queue(slug, "pending");
    expect(waiting.map((c) => c.id)).toEqual([sent.json.id]);
    expect(waiting[0]?.heldFor).toBe("moderation");

    // Only editors moderate.
    const refused = await server.api(
      "POST",
      `/api/blogs/${slug}/comments/${sent.json.id}/approve`,
      {
        token: reporter,
      },
    );
    expect(refused.status).toBe(403);
    const anonymous = await server.api("GET", `/api/blogs/${slug}/comments/queue`);
    expect(anonymous.status).toBe(401);

    const approved = await server.api(
      "POST",
      `/api/blogs/${slug}/comments/${sent.json.id}/approve`,
      { token: editor },
    );
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe("approved");

    const [event] = await live.waitForEvents(1);
    live.close();
    expect(event?.event).toBe("comment");
    expect(JSON.parse(event?.data ?? "{}")).toMatchObject({
      id: sent.json.id,
      name: "Mira",
      text: "Is the ferry running tonight?",
      parentId: null,
    });
    expect((await publicComments(slug)).map((c) => c.text)).toEqual([
      "Is the ferry running tonight?",
    ]);
    expect(await page(slug)).toContain("Is the ferry running tonight?");
    expect(await queue(slug, "pending")).toEqual([]);

    // A reply waits too, then sits under its comment.
    const reply = await comment(slug, {
      name: "Jon",
      text: "Last one at nine.",
      parentId: sent.json.id,
    });
    expect(reply.json.status).toBe("held");
    await server.api("POST", `/api/blogs/${slug}/comments/${reply.json.id}/approve`, {
      token: editor,
    });
    const threads = await publicComments(slug);
    expect(threads[0]?.replies.map((r) => r.text)).toEqual(["Last one at nine."]);
    // Threads are two levels deep: a reply to a reply is refused, naming the field.
    const deeper = await comment(slug, { name: "Ada", text: "Thanks", parentId: reply.json.id });
    expect(deeper.status).toBe(422);
    expect(deeper.json.error.field).toBe("parentId");
  });

  it("post-moderation: out at once; reports from enough addresses take it down for review", async () => {
    const slug = `post-${backend}`;
    await makeBlog(slug, { comments: "post" });
    const sent = await comment(slug, { name: "Troll", text: "Everyone here is an idiot" });
    expect(sent.json.status).toBe("published");
    expect(await page(slug)).toContain("Everyone here is an idiot");

    const first = newAddress();
    expect((await report(sent.json.id, first)).json).toEqual({ reported: true, hidden: false });
    const again = await report(sent.json.id, first);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_reported");
    expect((await report(sent.json.id)).json.hidden).toBe(false);
    const live = await connectSse(`${server.url}/api/blogs/${slug}/events`);
    expect((await report(sent.json.id)).json.hidden).toBe(true);

    const [removal] = await live.waitForEvents(1);
    live.close();
    expect(removal?.event).toBe("comment");
    expect(JSON.parse(removal?.data ?? "{}")).toEqual({ id: sent.json.id, removed: true });
    expect(await publicComments(slug)).toEqual([]);
    expect(await page(slug)).not.toContain("Everyone here is an idiot");
    expect((await replay(slug)).changes).not.toContain("idiot");
    const reported = await queue(slug, "reported");
    expect(reported.map((c) => [c.id, c.heldFor, c.reports])).toEqual([
      [sent.json.id, "reports", 3],
    ]);
    // A hidden comment cannot be reported further.
    expect((await report(sent.json.id)).status).toBe(404);
  });

  it("a blocked word holds a comment for moderation; a word merely containing it does not", async () => {
    const slug = `words-${backend}`;
    const blog = await makeBlog(slug, { comments: "post", commentWords: ["scam", "fake news"] });
    expect(blog.commentWords).toEqual(["scam", "fake news"]);
    // Readers never learn the list.
    const publicBlog = await server.api("GET", `/api/blogs/${slug}`);
    expect(publicBlog.json.commentWords).toBeUndefined();
    expect(publicBlog.json.comments).toBe("post");

    const held = await comment(slug, { name: "Bot", text: "This fundraiser is a SCAM!" });
    expect(held.json.status).toBe("held");
    const phrase = await comment(slug, { name: "Bot", text: "All of it is Fake News." });
    expect(phrase.json.status).toBe("held");
    const fine = await comment(slug, { name: "Cook", text: "Scampi stall reopened at the quay" });
    expect(fine.json.status).toBe("published");
    expect((await publicComments(slug)).map((c) => c.text)).toEqual([
      "Scampi stall reopened at the quay",
    ]);
    const waiting = await queue(slug, "pending");
    expect(waiting.map((c) => c.heldFor)).toEqual(["words", "words"]);
  });

  it("a rejected comment's words are on no public surface, stream replay included", async () => {
    const slug = `reject-${backend}`;
    await makeBlog(slug, { comments: "post" });
    const sent = await comment(slug, {
      name: "Leaker",
      text: "Home address of the witness: 12 Quay Lane",
    });
    expect(sent.json.status).toBe("published");
    const kept = await comment(slug, { name: "Neighbour", text: "Smoke is clearing now" });
    expect((await replay(slug)).changes).toContain("12 Quay Lane");

    const rejected = await server.api(
      "POST",
      `/api/blogs/${slug}/comments/${sent.json.id}/reject`,
      {
        token: editor,
      },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.json.text).toBe("");

    const after = await replay(slug);
    expect(after.changes).not.toContain("Quay Lane");
    expect(after.events.map((event) => event.data).join("\n")).not.toContain("Quay Lane");
    // The removal supersedes the comment: a replay carries it once, in its new place.
    expect(
      after.events.filter((event) => event.event === "comment").map((e) => JSON.parse(e.data)),
    ).toEqual([
      expect.objectContaining({ id: kept.json.id, text: "Smoke is clearing now" }),
      { id: sent.json.id, removed: true },
    ]);
    const json = JSON.stringify(await publicComments(slug));
    expect(json).not.toContain("Quay Lane");
    expect(json).toContain("Smoke is clearing now");
    expect(await page(slug)).not.toContain("Quay Lane");
    expect(JSON.stringify(await queue(slug, "reported"))).not.toContain("Quay Lane");
    // Rejected is final: it cannot be approved back, nor reported.
    const back = await server.api("POST", `/api/blogs/${slug}/comments/${sent.json.id}/approve`, {
      token: editor,
    });
    expect(back.status).toBe(404);
  });

  it("closing refuses new comments and says so on the page; off refuses them too", async () => {
    const slug = `closing-${backend}`;
    await makeBlog(slug, { comments: "post" });
    await comment(slug, { name: "Early", text: "Thanks for the updates" });
    expect(await page(slug)).toContain('id="comment-form"');
    const closed = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor,
      body: { commentsClosed: true },
    });
    expect(closed.json.commentsClosed).toBe(true);

    const refused = await comment(slug, { name: "Late", text: "Too late?" });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("comments_closed");
    const html = await page(slug);
    expect(html).toContain("Comments are closed.");
    expect(html).not.toContain('id="comment-form"');
    // What was said stays readable.
    expect(html).toContain("Thanks for the updates");

    await server.api("PATCH", `/api/blogs/${slug}`, { token: editor, body: { comments: "off" } });
    const off = await comment(slug, { name: "Late", text: "Too late?" });
    expect(off.status).toBe(403);
    expect(off.json.error.code).toBe("comments_off");
    expect(await page(slug)).not.toContain('id="comments"');
    expect(await publicComments(slug)).toEqual([]);

    // Reopened, comments are taken again.
    await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor,
      body: { comments: "post", commentsClosed: false },
    });
    expect((await comment(slug, { name: "Late", text: "Open again" })).status).toBe(201);
  });

  it("an address may send the blog's comments per hour; the next is 429 with Retry-After", async () => {
    const slug = `limit-${backend}`;
    await makeBlog(slug, { comments: "post", commentsPerHour: 2 });
    const address = newAddress();
    expect((await comment(slug, { name: "Ann", text: "One" }, address)).status).toBe(201);
    expect((await comment(slug, { name: "Ann", text: "Two" }, address)).status).toBe(201);
    const third = await comment(slug, { name: "Ann", text: "Three" }, address);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe("too_many_attempts");
    const wait = Number(third.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(3600);
    // Another address is not held back.
    expect((await comment(slug, { name: "Ben", text: "Three" })).status).toBe(201);
  });

  it("bad input names the field; a form without a script comes back to the page", async () => {
    const slug = `input-${backend}`;
    await makeBlog(slug, { comments: "pre" });
    for (const [body, field] of [
      [{ name: "Ann", text: "   " }, "text"],
      [{ name: "", text: "Hello" }, "name"],
      [{ name: "Ann", text: "x".repeat(2001) }, "text"],
      [{ name: "Ann", text: "Hello", parentId: "nope" }, "parentId"],
      [{ name: "Ann", text: "Hello", website: "http://spam.example" }, "website"],
    ] as const) {
      const refused = await comment(slug, body);
      expect(refused.status).toBe(422);
      expect(refused.json.error.field).toBe(field);
    }
    expect((await comment("no-such-blog", { name: "Ann", text: "Hi" })).status).toBe(404);

    const form = await fetch(`${server.url}/api/blogs/${slug}/comments`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": newAddress(),
      },
      body: new URLSearchParams({ name: "No script", text: "Sent from a plain form", website: "" }),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/live/${slug}#comment-held`);
    expect((await queue(slug, "pending")).length).toBe(1);
  });
}

describe("comments on SQLite", () => commentSuite("sqlite"));
describe("comments on PostgreSQL", () => commentSuite("postgres"));
