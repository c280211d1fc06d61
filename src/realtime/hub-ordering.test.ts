import { afterEach, describe, expect, it } from "vitest";
import type { Change } from "../core/change.js";
import { deletion } from "./testing/change-log.js";
import { type HubFixture, range, startHub } from "./testing/hub-fixture.js";

let fixture: HubFixture;
afterEach(async () => {
  await fixture.stop();
});

async function liveReader(blogId = "blog-1") {
  const live = fixture.server.attached + 1;
  const reader = await fixture.connect(blogId);
  await fixture.server.waitForAttached(live);
  return reader;
}

function appendAll(count: number): Change[] {
  return range(1, count).map(() => fixture.log.append("blog-1"));
}

describe("LiveHub ordering per blog", () => {
  it("delivers changes published out of order in sequence order", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one, two] = appendAll(2);
    await fixture.broadcaster.publish(two!);
    await fixture.broadcaster.publish(one!);
    await reader.waitForEvents(2);
    await fixture.commit("blog-1");
    await reader.waitForEvents(3);
    expect(reader.ids()).toEqual([1, 2, 3]);
  });

  it("merges what arrives while a slow catch-up read is in flight", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    fixture.log.readDelayMs = 40;
    const [one, two, three, four] = appendAll(4);
    await fixture.broadcaster.publish(two!); // a hole before 2: the channel reads the log
    await fixture.broadcaster.publish(four!);
    await fixture.broadcaster.publish(one!);
    await fixture.broadcaster.publish(three!);
    await fixture.commit("blog-1");
    await reader.waitForEvents(5);
    await fixture.commit("blog-1");
    await reader.waitForEvents(6);
    expect(reader.ids()).toEqual(range(1, 6));
    expect(fixture.log.listChangesCalls).toBeLessThanOrEqual(2);
  });

  it("recovers a change the broadcaster lost from the change log", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one, , three] = appendAll(3);
    await fixture.broadcaster.publish(one!);
    await fixture.broadcaster.publish(three!);
    await reader.waitForEvents(3);
    expect(reader.ids()).toEqual([1, 2, 3]);
    expect(reader.events[1]).toEqual({ id: "2", event: "delete", data: '{"id":"post-2"}' });
  });

  it("drops duplicates", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one, two] = appendAll(2);
    for (const change of [one!, one!, two!, two!, one!]) await fixture.broadcaster.publish(change);
    await fixture.commit("blog-1");
    await reader.waitForEvents(3);
    expect(reader.ids()).toEqual([1, 2, 3]);
  });

  it("does not wait forever for a sequence number the log never had", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one] = appendAll(1);
    const three = deletion("blog-1", 3);
    fixture.log.changes.push(three);
    await fixture.broadcaster.publish(one!);
    await fixture.broadcaster.publish(three);
    await reader.waitForEvents(2);
    expect(reader.ids()).toEqual([1, 3]);
  });

  it("delivers a published change the log does not show rather than stall the blog", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one] = appendAll(1);
    await fixture.broadcaster.publish(one!);
    await fixture.broadcaster.publish(deletion("blog-1", 3));
    await reader.waitForEvents(2);
    expect(reader.ids()).toEqual([1, 3]);
  });

  it("never sends a late change the log shows was superseded before the catch-up read", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const one = fixture.log.append("blog-1", "post-1");
    const named = fixture.log.append("blog-1", "post-2");
    fixture.log.append("blog-1", "post-2"); // the post is deleted: the log keeps only this
    fixture.log.changes.splice(fixture.log.changes.indexOf(named), 1);
    await fixture.broadcaster.publish(named); // arrives before 1: the channel reads the log
    await reader.waitForEvents(2);
    await fixture.broadcaster.publish(one);
    await fixture.commit("blog-1");
    await reader.waitForEvents(3);
    expect(reader.ids()).toEqual([1, 3, 4]);
  });

  it("keeps blogs apart: a hole in one blog holds nothing back in another", async () => {
    fixture = await startHub();
    const first = await liveReader("blog-1");
    const second = await liveReader("blog-2");
    fixture.log.readDelayMs = 200;
    const [, two] = appendAll(2);
    await fixture.broadcaster.publish(two!);
    await fixture.commit("blog-2");
    await second.waitForEvents(1, 150);
    await first.waitForEvents(2);
    expect(first.ids()).toEqual([1, 2]);
    expect(second.ids()).toEqual([1]);
  });

  it("ends the blog's streams when a catch-up read fails; readers resume from the log", async () => {
    fixture = await startHub();
    const reader = await liveReader();
    const [one, , three] = appendAll(3);
    await fixture.broadcaster.publish(one!);
    await reader.waitForEvents(1);
    fixture.log.onListChanges = () => {
      throw new Error("database unavailable");
    };
    await fixture.broadcaster.publish(three!);
    await reader.waitForEnd();
    expect(fixture.errors).toHaveLength(1);
    expect(fixture.hub.readerCount("blog-1")).toBe(0);

    fixture.log.onListChanges = null;
    const back = await fixture.connect("blog-1", { lastEventId: 1 });
    await back.waitForEvents(2);
    expect(back.ids()).toEqual([2, 3]);
  });
});
