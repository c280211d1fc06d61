import { afterEach, describe, expect, it } from "vitest";
import { type HubFixture, range, startHub } from "./testing/hub-fixture.js";
import { eventually } from "./testing/live-server.js";

let fixture: HubFixture;
afterEach(async () => {
  await fixture.stop();
});

describe("LiveHub streaming", () => {
  it("sends SSE headers, a retry hint, then each change framed with its sequence as id", async () => {
    fixture = await startHub({ retryMs: 2500 });
    const reader = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(1);
    await fixture.commit("blog-1");
    await fixture.commit("blog-2"); // another blog: not for this reader
    await fixture.commit("blog-1", "p-two");
    await fixture.commit("blog-1");
    await reader.waitForEvents(3);

    expect(reader.response.statusCode).toBe(200);
    expect(reader.response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(reader.response.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(reader.response.headers["x-accel-buffering"]).toBe("no");
    expect(reader.raw).toBe(
      "retry: 2500\n\n" +
        'id: 1\nevent: delete\ndata: {"id":"post-1"}\n\n' +
        'id: 2\nevent: delete\ndata: {"id":"p-two"}\n\n' +
        'id: 3\nevent: delete\ndata: {"id":"post-3"}\n\n',
    );
    expect(reader.retry).toBe(2500);
  });

  it("writes a heartbeat comment to idle readers", async () => {
    fixture = await startHub({ heartbeatMs: 30 });
    const reader = await fixture.connect("blog-1");
    await reader.waitUntil(() => reader.comments >= 2, "two heartbeats");
    expect(reader.raw).toContain("\n\n:\n\n:\n\n");
    expect(reader.events).toEqual([]);
  });

  it("counts readers per blog and forgets them when they disconnect", async () => {
    fixture = await startHub({ channelLingerMs: 150 });
    const readers = await Promise.all([1, 2, 3].map(() => fixture.connect("blog-1")));
    const other = await fixture.connect("blog-2");
    await fixture.server.waitForAttached(4);
    expect(fixture.hub.readerCount("blog-1")).toBe(3);
    expect(fixture.hub.readerCount("blog-2")).toBe(1);
    expect(fixture.hub.totalReaders()).toBe(4);

    readers[0]?.close();
    await eventually(() => fixture.hub.readerCount("blog-1") === 2, "one reader to leave");
    for (const reader of [...readers, other]) reader.close();
    await eventually(() => fixture.hub.totalReaders() === 0, "every reader to leave");
    expect(fixture.hub.readerCount("blog-1")).toBe(0);

    // The blog's channel outlives its last reader for a while: a reader back soon finds it.
    const lookups = fixture.log.lastSeqCalls;
    await fixture.commit("blog-1");
    const soon = await fixture.connect("blog-1", { lastEventId: 0 });
    await fixture.server.waitForAttached(5);
    expect(fixture.log.lastSeqCalls).toBe(lookups);
    await soon.waitForEvents(1);
    expect(soon.ids()).toEqual([1]);
    soon.close();
    await eventually(() => fixture.hub.totalReaders() === 0, "the reader to leave");

    // Then it goes: a later reader starts a fresh one, which looks up where the log stands.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fixture.commit("blog-1");
    const late = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(6);
    expect(fixture.log.lastSeqCalls).toBe(lookups + 1);
    await fixture.commit("blog-1");
    await late.waitForEvents(1);
    expect(late.ids()).toEqual([3]);
    expect(fixture.errors).toEqual([]);
  });

  it("close() ends every stream, unsubscribes, and turns new readers away cleanly", async () => {
    fixture = await startHub({ heartbeatMs: 20 });
    const first = await fixture.connect("blog-1");
    const second = await fixture.connect("blog-2");
    await fixture.server.waitForAttached(2);
    expect(fixture.broadcaster.listenerCount).toBe(1);

    await fixture.hub.close();
    await first.waitForEnd();
    await second.waitForEnd();
    expect(fixture.hub.totalReaders()).toBe(0);
    expect(fixture.broadcaster.listenerCount).toBe(0);

    const late = await fixture.connect("blog-1");
    await late.waitForEnd();
    expect(late.response.statusCode).toBe(200);
    expect(late.raw).toBe("retry: 3000\n\n");
  });

  it("delivers a burst of 50 events to 200 readers, complete and in order", async () => {
    fixture = await startHub();
    const readers = await Promise.all(range(1, 200).map(() => fixture.connect("blog-1")));
    await fixture.server.waitForAttached(200);
    expect(fixture.hub.readerCount("blog-1")).toBe(200);

    for (let i = 0; i < 50; i++) await fixture.commit("blog-1");
    // Each event is serialised once, whatever the number of readers.
    expect(fixture.encoded.count).toBe(50);
    await Promise.all(readers.map((reader) => reader.waitForEvents(50, 10_000)));
    for (const reader of readers) {
      expect(reader.ids()).toEqual(range(1, 50));
      expect(reader.events.every((event) => event.event === "delete")).toBe(true);
    }
  });

  it("keeps every reader complete and in order when a round of writes spans many slices", async () => {
    fixture = await startHub();
    // More readers than one write slice, so later events arrive while a round is under way.
    const readers = await Promise.all(range(1, 1500).map(() => fixture.connect("blog-1")));
    await fixture.server.waitForAttached(1500);
    const commits: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      commits.push(fixture.commit("blog-1"));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(commits);
    await Promise.all(readers.map((reader) => reader.waitForEvents(30, 20_000)));
    for (const reader of readers) expect(reader.ids()).toEqual(range(1, 30));
  }, 60_000);

  it("gives readers who resume while rounds are under way every event exactly once", async () => {
    fixture = await startHub();
    const live = await Promise.all(range(1, 1200).map(() => fixture.connect("blog-1")));
    await fixture.server.waitForAttached(1200);
    const resumed: { from: number; reader: Awaited<ReturnType<typeof fixture.connect>> }[] = [];
    for (let i = 1; i <= 40; i++) {
      void fixture.commit("blog-1");
      if (i % 8 === 0) {
        // Reconnects from several points, some of them still being written to the others.
        for (const from of [i - 6, i - 1]) {
          resumed.push({ from, reader: await fixture.connect("blog-1", { lastEventId: from }) });
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(live.map((reader) => reader.waitForEvents(40, 20_000)));
    for (const reader of live) expect(reader.ids()).toEqual(range(1, 40));
    for (const { from, reader } of resumed) {
      await reader.waitForEvents(40 - from, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reader.ids()).toEqual(range(from + 1, 40));
    }
  }, 60_000);

  it("sends a burst of posts to many readers in one write per reader", async () => {
    fixture = await startHub();
    const readers = await Promise.all(range(1, 1100).map(() => fixture.connect("blog-1")));
    await fixture.server.waitForAttached(1100);
    const writes = new Map<object, number>();
    for (const socket of fixture.server.sockets) {
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((...args: unknown[]) => {
        writes.set(socket, (writes.get(socket) ?? 0) + 1);
        return write(...args);
      }) as typeof socket.write;
    }
    // Ten posts, each in a turn of the event loop of its own, as ten requests would arrive.
    for (let i = 0; i < 10; i++) {
      await fixture.commit("blog-1");
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(readers.map((reader) => reader.waitForEvents(10, 20_000)));
    for (const reader of readers) expect(reader.ids()).toEqual(range(1, 10));
    // One round; on a busy machine a slow timer may split it in two, never more.
    expect(Math.max(...writes.values())).toBeLessThanOrEqual(2);
  }, 60_000);
});
