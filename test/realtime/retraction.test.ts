// Retracted words stay retracted: a deleted, corrected or unpublished post never comes back
// through `changes?since=` or an event-stream replay, whether the replay is read from the
// change log or from the events a node keeps in memory. Real server, real SQLite, real HTTP.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient, type SseEvent } from "../helpers/sse.js";

let server: TestServer;
let editor: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor");
});
afterAll(() => server.close());

const SUSPECT = "Police name John Doe as the suspect.";

/**
 * A new blog with a reader watching it from the start, so its node keeps the blog's recent
 * events in memory; returns the sequence the blog started at.
 */
async function watchedBlog(slug: string): Promise<{ watcher: SseClient; start: number }> {
  const made = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: slug },
  });
  expect(made.status).toBe(201);
  const watcher = await connectSse(`${server.url}/api/blogs/${slug}/events`);
  const start = (await server.api("GET", `/api/blogs/${slug}/changes?since=0`)).json.last as number;
  return { watcher, start };
}

const publish = async (slug: string, text: string) =>
  (
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { blocks: [paragraph(text)] },
    })
  ).json;

/** Everything a reader resuming after `after` is sent, up to a marker published once it is live. */
async function replayed(slug: string, after: number, by: "header" | "query"): Promise<SseEvent[]> {
  const base = `${server.url}/api/blogs/${slug}/events`;
  const client =
    by === "header"
      ? await connectSse(base, { "last-event-id": String(after) })
      : await connectSse(`${base}?lastEventId=${after}`);
  const marker = `end of replay ${Math.random()}`;
  await publish(slug, marker);
  await expect.poll(() => client.events.some((e) => e.data.includes(marker))).toBe(true);
  client.close();
  // Markers of earlier replays are posts of the blog like any other; leave them out too.
  return client.events.filter((e) => !e.data.includes("end of replay"));
}

async function changesSince(slug: string, since: number): Promise<string> {
  const answer = await server.api("GET", `/api/blogs/${slug}/changes?since=${since}`);
  expect(answer.status).toBe(200);
  return JSON.stringify(answer.json);
}

/** Every way a reader can read the blog's past: the log and memory, both ways of resuming. */
async function everyReplay(slug: string, start: number): Promise<SseEvent[][]> {
  return [
    await replayed(slug, 0, "header"),
    await replayed(slug, 0, "query"),
    await replayed(slug, start, "header"),
    await replayed(slug, start, "query"),
  ];
}

describe("a replay carries each post as it stands now", () => {
  it("leaves a deleted post's words out of changes and every replay, giving a delete", async () => {
    const { watcher, start } = await watchedBlog("retract-delete");
    const post = await publish("retract-delete", SUSPECT);
    await server.api("DELETE", `/api/blogs/retract-delete/posts/${post.id}`, { token: editor });
    await watcher.waitForEvents(2);

    expect(await changesSince("retract-delete", 0)).not.toContain("John Doe");
    for (const events of await everyReplay("retract-delete", start)) {
      expect(JSON.stringify(events)).not.toContain("John Doe");
      const about = events.filter((e) => e.data.includes(post.id));
      expect(about.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
        ["delete", { id: post.id }],
      ]);
    }
    watcher.close();
  });

  it("replays a corrected post only in its corrected words", async () => {
    const { watcher, start } = await watchedBlog("retract-correct");
    const post = await publish("retract-correct", SUSPECT);
    const corrected = await server.api("PATCH", `/api/blogs/retract-correct/posts/${post.id}`, {
      token: editor,
      body: { version: post.version, blocks: [paragraph("Police have not named a suspect.")] },
    });
    expect(corrected.status).toBe(200);
    await watcher.waitForEvents(2);

    const changes = JSON.parse(await changesSince("retract-correct", 0));
    expect(JSON.stringify(changes)).not.toContain("John Doe");
    expect(changes.changes.filter((c: { event: string }) => c.event === "post")).toHaveLength(1);
    for (const events of await everyReplay("retract-correct", start)) {
      expect(JSON.stringify(events)).not.toContain("John Doe");
      const about = events.filter((e) => e.data.includes(post.id));
      expect(about).toHaveLength(1);
      expect(JSON.parse(about[0]!.data)).toMatchObject({
        id: post.id,
        html: "<p>Police have not named a suspect.</p>",
        version: 2,
      });
    }
    watcher.close();
  });

  it("replays a post moved back to draft as a delete", async () => {
    const { watcher, start } = await watchedBlog("retract-draft");
    const post = await publish("retract-draft", SUSPECT);
    const drafted = await server.api("PATCH", `/api/blogs/retract-draft/posts/${post.id}`, {
      token: editor,
      body: { version: post.version, status: "draft" },
    });
    expect(drafted.status).toBe(200);
    await watcher.waitForEvents(2);

    expect(await changesSince("retract-draft", 0)).not.toContain("John Doe");
    for (const events of await everyReplay("retract-draft", start)) {
      expect(JSON.stringify(events)).not.toContain("John Doe");
      const about = events.filter((e) => e.data.includes(post.id));
      expect(about.map((e) => e.event)).toEqual(["delete"]);
    }
    watcher.close();
  });

  it("gives a resuming reader each missed post once, at its latest change, in order", async () => {
    const { watcher } = await watchedBlog("retract-resume");
    const kept = await publish("retract-resume", "Roads closed near the harbour.");
    const gone = await publish("retract-resume", SUSPECT);
    const seen = await watcher.waitForEvents(2);
    const lastSeen = Number(seen[1]!.id);
    await server.api("PATCH", `/api/blogs/retract-resume/posts/${kept.id}`, {
      token: editor,
      body: { version: kept.version, blocks: [paragraph("Roads reopened near the harbour.")] },
    });
    await server.api("DELETE", `/api/blogs/retract-resume/posts/${gone.id}`, { token: editor });
    const fresh = await publish("retract-resume", "Ferries running again.");
    await server.api("PATCH", `/api/blogs/retract-resume/posts/${kept.id}`, {
      token: editor,
      body: { version: kept.version + 1, pinned: true },
    });
    await watcher.waitForEvents(6);

    for (const by of ["header", "query"] as const) {
      const events = await replayed("retract-resume", lastSeen, by);
      expect(events.map((e) => [e.event, JSON.parse(e.data).id])).toEqual([
        ["delete", gone.id],
        ["post", fresh.id],
        ["post", kept.id],
      ]);
      expect(JSON.parse(events[2]!.data)).toMatchObject({ pinned: true, version: 3 });
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(ids[0]).toBeGreaterThan(lastSeen);
    }
    watcher.close();
  });
});
