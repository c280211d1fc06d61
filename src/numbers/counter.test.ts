// The node's counter on its own: counts batched per hour, host pages past the cap counted
// together, a failed write kept and added to the next, readers sampled per minute under the
// node's id. The store here is a recording stand-in for the port; the real backends are
// exercised in test/numbers/.

import { describe, expect, it } from "vitest";
import type { NumbersBatch } from "../core/numbers.js";
import type { NumbersStore } from "../core/ports.js";
import { NumbersCounter } from "./counter.js";

function recordingStore(failures = 0) {
  const batches: NumbersBatch[] = [];
  let failing = failures;
  const store: NumbersStore = {
    async addNumbers(batch) {
      if (failing-- > 0) throw new Error("database unavailable");
      batches.push(batch);
    },
    sumReaders: async () => new Map(),
    topPosts: async () => [],
    embedHosts: async () => [],
    pruneNumbers: async () => 0,
  };
  return { store, batches };
}

const at = Date.parse("2026-12-07T10:59:30Z");

describe("the numbers counter", () => {
  it("writes one batch of counts by hour, nothing when nothing was counted", async () => {
    const { store, batches } = recordingStore();
    let now = at;
    const counter = new NumbersCounter({ store, readerCounts: () => new Map(), now: () => now });
    counter.countOpen("b1", "p1");
    counter.countOpen("b1", "p1");
    counter.countShare("b1", "p1");
    now += 60_000; // into the next hour
    counter.countOpen("b1", "p1");
    await counter.flush();
    await counter.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.posts).toEqual([
      { blogId: "b1", postId: "p1", hour: "2026-12-07T10:00:00.000Z", opens: 2, shares: 1 },
      { blogId: "b1", postId: "p1", hour: "2026-12-07T11:00:00.000Z", opens: 1, shares: 0 },
    ]);
  });

  it("counts host pages past the cap together, per blog", async () => {
    const { store, batches } = recordingStore();
    const counter = new NumbersCounter({
      store,
      readerCounts: () => new Map(),
      maxHostsPerBlog: 2,
      now: () => at,
    });
    for (const host of ["a.example", "b.example", "c.example", "d.example", "a.example"])
      counter.countEmbed("b1", host);
    counter.countEmbed("b2", "c.example");
    await counter.flush();
    const loads = Object.fromEntries(
      (batches[0]?.embeds ?? []).map((e) => [`${e.blogId} ${e.host}`, e.loads]),
    );
    expect(loads).toEqual({ "b1 a.example": 2, "b1 b.example": 1, "b1 *": 2, "b2 c.example": 1 });
  });

  it("keeps a batch the database refused and adds it to the next", async () => {
    const { store, batches } = recordingStore(1);
    const errors: unknown[] = [];
    const counter = new NumbersCounter({
      store,
      readerCounts: () => new Map(),
      now: () => at,
      onError: (error) => errors.push(error),
    });
    counter.countOpen("b1", "p1");
    await counter.flush();
    expect(errors).toHaveLength(1);
    counter.countOpen("b1", "p1");
    await counter.flush();
    expect(batches[0]?.posts.map((p) => p.opens)).toEqual([2]);
  });

  it("samples this node's readers per minute under its own id", async () => {
    const { store, batches } = recordingStore();
    let readers = new Map([["b1", 3]]);
    const counter = new NumbersCounter({ store, readerCounts: () => readers, now: () => at });
    counter.sampleReaders();
    readers = new Map([["b1", 5]]);
    counter.sampleReaders();
    await counter.flush();
    expect(batches[0]?.readers).toEqual([
      { blogId: "b1", minute: "2026-12-07T10:59:00.000Z", node: counter.node, readers: 5 },
    ]);
  });
});
