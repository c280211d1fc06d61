import { afterEach, describe, expect, it } from "vitest";
import { type HubFixture, range, startHub } from "./testing/hub-fixture.js";

let fixture: HubFixture;
afterEach(async () => {
  await fixture.stop();
});

describe("LiveHub resuming with Last-Event-ID", () => {
  it("replays exactly the missed events, then continues live", async () => {
    fixture = await startHub();
    const first = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(1);
    for (let i = 0; i < 3; i++) await fixture.commit("blog-1");
    await first.waitForEvents(3);
    first.close();

    await fixture.commit("blog-1");
    await fixture.commit("blog-1");
    const back = await fixture.connect("blog-1", { lastEventId: 3 });
    await back.waitForEvents(2);
    await fixture.commit("blog-1");
    await back.waitForEvents(3);
    expect(back.ids()).toEqual([4, 5, 6]);
    expect(back.events[0]).toEqual({ id: "4", event: "delete", data: '{"id":"post-4"}' });
  });

  it("takes the position from ?lastEventId= when there is no header", async () => {
    fixture = await startHub();
    for (let i = 0; i < 4; i++) fixture.log.append("blog-1");
    const reader = await fixture.connect("blog-1", { query: "?lastEventId=2" });
    await reader.waitForEvents(2);
    await fixture.commit("blog-1");
    await reader.waitForEvents(3);
    expect(reader.ids()).toEqual([3, 4, 5]);
  });

  it("loses and repeats nothing when changes are published while the replay is read", async () => {
    fixture = await startHub({ pageSize: 3 });
    for (let i = 0; i < 10; i++) fixture.log.append("blog-1");
    fixture.log.readDelayMs = 30;
    // Each replay read publishes one more change once it has looked at the log: the first
    // two land inside a later replay page as well as in the live queue, the last only live.
    let publishedDuringReplay = 0;
    fixture.log.onListChanges = () => {
      if (publishedDuringReplay === 3) return;
      publishedDuringReplay++;
      void fixture.commit("blog-1");
    };

    const reader = await fixture.connect("blog-1", { lastEventId: 4 });
    await fixture.server.waitForAttached(1);
    expect(publishedDuringReplay).toBe(3);
    await fixture.commit("blog-1");
    await reader.waitForEvents(10);
    // One more after a pause would reveal anything written twice or late.
    await fixture.commit("blog-1");
    await reader.waitForEvents(11);
    expect(reader.ids()).toEqual(range(5, 15));
  });

  it("replays a long history in pages to a reader who keeps reading", async () => {
    fixture = await startHub({ pageSize: 50, maxBufferedBytes: 64 * 1024, replayLimit: 1500 });
    const bulky = "x".repeat(4096);
    for (let i = 0; i < 1500; i++) fixture.log.append("blog-1", `${bulky}-${i + 1}`);
    const reader = await fixture.connect("blog-1", { lastEventId: 0 });
    await reader.waitForEvents(1500, 15_000);
    await fixture.commit("blog-1");
    await reader.waitForEvents(1501);
    expect(reader.ids()).toEqual(range(1, 1501));
    expect(reader.ended).toBe(false);
    expect(fixture.log.listChangesCalls).toBe(31);
  });

  it("tells a reader further behind than the replay limit to reset, then streams live", async () => {
    fixture = await startHub({ replayLimit: 20 });
    for (let i = 0; i < 30; i++) fixture.log.append("blog-1");
    const atLimit = await fixture.connect("blog-1", { lastEventId: 10 });
    const beyond = await fixture.connect("blog-1", { lastEventId: 9 });
    await fixture.server.waitForAttached(2);
    await beyond.waitForEvents(1);
    await atLimit.waitForEvents(20);
    await fixture.commit("blog-1");
    await beyond.waitForEvents(2);
    await atLimit.waitForEvents(21);
    expect(atLimit.ids()).toEqual(range(11, 31));
    expect(beyond.events).toEqual([
      { id: "30", event: "reset", data: '{"reason":"too far behind","last":30}' },
      { id: "31", event: "delete", data: '{"id":"post-31"}' },
    ]);
    expect(fixture.hub.stats).toMatchObject({ resets: 1, replays: 1, replayedEvents: 20 });
  });

  it("treats a Last-Event-ID beyond the log as caught up", async () => {
    fixture = await startHub();
    for (let i = 0; i < 3; i++) fixture.log.append("blog-1");
    const reader = await fixture.connect("blog-1", { lastEventId: 100 });
    await fixture.server.waitForAttached(1);
    await fixture.commit("blog-1");
    await reader.waitForEvents(1);
    expect(reader.ids()).toEqual([4]);
  });

  it("replays nothing to a reader who is already up to date", async () => {
    fixture = await startHub();
    for (let i = 0; i < 3; i++) fixture.log.append("blog-1");
    const reader = await fixture.connect("blog-1", { lastEventId: 3 });
    await fixture.server.waitForAttached(1);
    await fixture.commit("blog-1");
    await reader.waitForEvents(1);
    expect(reader.ids()).toEqual([4]);
  });

  it("ends the stream when the replay cannot be read, so the reader retries", async () => {
    fixture = await startHub();
    for (let i = 0; i < 3; i++) fixture.log.append("blog-1");
    fixture.log.onListChanges = () => {
      throw new Error("database unavailable");
    };
    const failed = await fixture.connect("blog-1", { lastEventId: 1 });
    await failed.waitForEnd();
    expect(fixture.errors).toHaveLength(1);
    expect(fixture.hub.totalReaders()).toBe(0);

    fixture.log.onListChanges = null;
    const retried = await fixture.connect("blog-1", { lastEventId: 1 });
    await retried.waitForEvents(2);
    expect(retried.ids()).toEqual([2, 3]);
  });

  it("answers readers who come back missing little from memory, not from the log", async () => {
    fixture = await startHub();
    const stays = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(1);
    for (let i = 0; i < 5; i++) await fixture.commit("blog-1");
    await stays.waitForEvents(5);
    const readsBefore = fixture.log.listChangesCalls;
    const behind = await fixture.connect("blog-1", { lastEventId: 3 });
    const caughtUp = await fixture.connect("blog-1", { lastEventId: 5 });
    await fixture.server.waitForAttached(3);
    await fixture.commit("blog-1");
    await behind.waitForEvents(3);
    await caughtUp.waitForEvents(1);
    expect(behind.ids()).toEqual([4, 5, 6]);
    expect(caughtUp.ids()).toEqual([6]);
    expect(fixture.log.listChangesCalls).toBe(readsBefore);
  });

  it("reads the log for readers who missed more than memory keeps", async () => {
    fixture = await startHub();
    const stays = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(1);
    for (let i = 0; i < 300; i++) await fixture.commit("blog-1");
    await stays.waitForEvents(300, 20_000);
    const readsBefore = fixture.log.listChangesCalls;
    const back = await fixture.connect("blog-1", { lastEventId: 10 });
    await back.waitForEvents(290, 20_000);
    expect(back.ids()).toEqual(range(11, 300));
    expect(fixture.log.listChangesCalls).toBeGreaterThan(readsBefore);
    expect(fixture.hub.stats).toMatchObject({ resets: 0, replays: 1, replayedEvents: 290 });
    // Each live event was written to its reader in one round, and timed once.
    expect(fixture.hub.stats.eventLag.count).toBe(300);
  });
});
