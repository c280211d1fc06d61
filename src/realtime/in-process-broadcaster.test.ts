import { describe, expect, it } from "vitest";
import type { Change } from "../core/change.js";
import { InProcessBroadcaster } from "./in-process-broadcaster.js";

const change = (seq: number): Change => ({
  kind: "delete",
  postId: `post-${seq}`,
  blogId: "blog-1",
  seq,
  at: "2025-01-01T00:00:00.000Z",
});

describe("InProcessBroadcaster", () => {
  it("delivers each published change to every listener", async () => {
    const broadcaster = new InProcessBroadcaster();
    const first: number[] = [];
    const second: number[] = [];
    broadcaster.subscribe((c) => first.push(c.seq));
    broadcaster.subscribe((c) => second.push(c.seq));
    await broadcaster.publish(change(1));
    await broadcaster.publish(change(2));
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2]);
  });

  it("keeps delivering to the others when a listener throws, and reports it", async () => {
    const errors: unknown[] = [];
    const broadcaster = new InProcessBroadcaster({ onListenerError: (e) => errors.push(e) });
    const seen: number[] = [];
    broadcaster.subscribe(() => {
      throw new Error("broken listener");
    });
    broadcaster.subscribe((c) => seen.push(c.seq));
    await expect(broadcaster.publish(change(1))).resolves.toBeUndefined();
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it("stops delivering after unsubscribe, also when unsubscribed mid-delivery", async () => {
    const broadcaster = new InProcessBroadcaster();
    const seen: string[] = [];
    const unsubscribeB = broadcaster.subscribe((c) => seen.push(`b${c.seq}`));
    const unsubscribeA = broadcaster.subscribe((c) => {
      seen.push(`a${c.seq}`);
      unsubscribeA();
    });
    await broadcaster.publish(change(1));
    unsubscribeB();
    await broadcaster.publish(change(2));
    expect(seen).toEqual(["b1", "a1"]);
    expect(broadcaster.listenerCount).toBe(0);
  });

  it("subscribing the same function twice gives two independent subscriptions", async () => {
    const broadcaster = new InProcessBroadcaster();
    const seen: number[] = [];
    const listener = (c: Change) => seen.push(c.seq);
    const unsubscribe = broadcaster.subscribe(listener);
    broadcaster.subscribe(listener);
    unsubscribe();
    await broadcaster.publish(change(1));
    expect(seen).toEqual([1]);
  });

  it("delivers nothing after close", async () => {
    const broadcaster = new InProcessBroadcaster();
    const seen: number[] = [];
    broadcaster.subscribe((c) => seen.push(c.seq));
    await broadcaster.close();
    await broadcaster.publish(change(1));
    broadcaster.subscribe((c) => seen.push(c.seq));
    await broadcaster.publish(change(2));
    expect(seen).toEqual([]);
    expect(broadcaster.listenerCount).toBe(0);
  });
});
