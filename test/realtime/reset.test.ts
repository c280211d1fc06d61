// A reader too far behind is told to start over: a deep replay is a `reset` event and the
// stream goes on live; a too-old `changes?since=` is a reset marker. Real server and SQLite.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLAY_LIMIT } from "../../src/core/change.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

let server: TestServer;
let editor: string;
let last: number;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", { token: editor, body: { slug: "deep", title: "Deep" } });
  // More changes than a replay may carry, a few at a time as a newsroom would make them.
  for (let batch = 0; batch < (REPLAY_LIMIT + 20) / 20; batch++) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.api("POST", "/api/blogs/deep/posts", {
          token: editor,
          body: { blocks: [paragraph(`Update ${batch * 20 + i}`)] },
        }),
      ),
    );
  }
  last = await lastSeq();
}, 60_000);
afterAll(() => server.close());

async function lastSeq(): Promise<number> {
  const { store } = server.dispatch.newsroom;
  return store.lastSeq((await store.findBlogBySlug("deep"))!.id);
}

describe("a reader too far behind", () => {
  it("gets a reset with the position to go on from, then the stream live", async () => {
    expect(last).toBeGreaterThan(REPLAY_LIMIT);
    for (const headers of [{ "last-event-id": "0" }, { "last-event-id": "5" }]) {
      const client = await connectSse(`${server.url}/api/blogs/deep/events`, headers);
      const [reset] = await client.waitForEvents(1);
      expect(reset).toEqual({
        id: String(last),
        event: "reset",
        data: JSON.stringify({ reason: "too far behind", last }),
      });
      const fresh = await server.api("POST", "/api/blogs/deep/posts", {
        token: editor,
        body: { blocks: [paragraph("Live again")] },
      });
      const events = await client.waitForEvents(2);
      expect(events[1]).toMatchObject({ id: String(last + 1), event: "post" });
      expect(JSON.parse(events[1]!.data).id).toBe(fresh.json.id);
      await new Promise((r) => setTimeout(r, 100));
      expect(client.events).toHaveLength(2);
      client.close();
      last += 1;
    }
  });

  it("within the limit still gets exactly what it missed", async () => {
    const after = last - REPLAY_LIMIT;
    const client = await connectSse(`${server.url}/api/blogs/deep/events?lastEventId=${after}`);
    const events = await client.waitForEvents(REPLAY_LIMIT);
    expect(events.map((e) => Number(e.id))).toEqual(
      Array.from({ length: REPLAY_LIMIT }, (_, i) => after + 1 + i),
    );
    expect(events.every((e) => e.event === "post")).toBe(true);
    client.close();
  });

  it("polling from too far back is told to reset, and from within the limit gets changes", async () => {
    const old = await server.api("GET", "/api/blogs/deep/changes?since=0");
    expect(old.status).toBe(200);
    expect(old.json).toEqual({
      changes: [],
      last,
      more: false,
      reset: { reason: "too far behind", last },
    });
    const recent = await server.api("GET", `/api/blogs/deep/changes?since=${last - 3}`);
    expect(recent.json.changes.map((c: { seq: number }) => c.seq)).toEqual([
      last - 2,
      last - 1,
      last,
    ]);
    expect(recent.json.reset).toBeUndefined();
  });
});
