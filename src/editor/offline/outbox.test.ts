// The outbox on a real (in-memory) IndexedDB: queued posts survive a reload, go out in order,
// exactly once each, keep their Idempotency-Key across retries, and wait out failures. Only
// the signed-in person's own posts go out: others' wait for them, unknown ones for a claim.

import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { keyValueStore } from "./idb";
import {
  backoffMs,
  byOwner,
  idempotencyKey,
  Outbox,
  type OutboxItem,
  type SendOutcome,
} from "./outbox";

type Sender = (item: OutboxItem) => Promise<SendOutcome>;

const RUI = "user-rui";
const EDA = "user-eda";

/** An outbox sending for Rui unless told otherwise. */
async function setup(factory: IDBFactory, send: Sender, sender: string | null = RUI) {
  const timers: { ms: number; run: () => void }[] = [];
  const changes: number[] = [];
  const outbox = new Outbox({
    store: keyValueStore<OutboxItem>("outbox", factory),
    send,
    onChange: (items) => changes.push(items.length),
    later: (run, ms) => {
      const timer = { ms, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  });
  await outbox.sendFor(sender);
  return { outbox, timers, changes };
}

const post = (words: string, userId = RUI) => ({
  userId,
  slug: "storm",
  kind: "create" as const,
  body: { blocks: [{ type: "paragraph", text: words }] },
  label: words,
});

describe("Outbox", () => {
  it("keeps queued posts across a reload and sends them in order, once each", async () => {
    const factory = new IDBFactory();
    const offline = await setup(factory, async () => ({ status: "retry" }));
    await offline.outbox.add(post("first"));
    await offline.outbox.add(post("second"));
    await offline.outbox.add(post("third"));
    await offline.outbox.flush();
    expect(offline.outbox.waiting.map((i) => i.label)).toEqual(["first", "second", "third"]);
    expect(offline.outbox.waiting[0]?.attempts).toBe(1);

    // The page reloads: a new outbox over the same database finds the same three posts.
    const sent: OutboxItem[] = [];
    const online = await setup(
      factory,
      async (item) => {
        sent.push(item);
        return { status: "sent" };
      },
      null,
    );
    const loaded = await online.outbox.load();
    expect(loaded.map((i) => i.label)).toEqual(["first", "second", "third"]);
    await Promise.all([online.outbox.sendFor(RUI), online.outbox.flush()]);
    expect(sent.map((i) => i.label)).toEqual(["first", "second", "third"]);
    expect(sent.map((i) => i.key)).toEqual(loaded.map((i) => i.key));
    expect(online.outbox.waiting).toEqual([]);
    expect(await (await setup(factory, async () => ({ status: "sent" }))).outbox.load()).toEqual(
      [],
    );
  });

  it("retries with backoff and the same Idempotency-Key, never letting a later post overtake", async () => {
    const factory = new IDBFactory();
    const attempts: string[] = [];
    let down = 2;
    const { outbox, timers } = await setup(factory, async (item) => {
      attempts.push(`${item.label}:${item.key}`);
      if (item.label === "first" && down > 0) {
        down -= 1;
        return { status: "retry" };
      }
      return { status: "sent" };
    });
    const first = await outbox.add(post("first"));
    const second = await outbox.add(post("second"));
    await outbox.flush();
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers.shift()?.run();
    await outbox.flush();
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    timers.shift()?.run();
    await outbox.flush();
    expect(attempts).toEqual([
      `first:${first.key}`,
      `first:${first.key}`,
      `first:${first.key}`,
      `second:${second.key}`,
    ]);
    expect(outbox.waiting).toEqual([]);
  });

  it("sets a refused post aside with the reason and sends the rest", async () => {
    const factory = new IDBFactory();
    const sent: string[] = [];
    const { outbox } = await setup(factory, async (item) => {
      if (item.label === "bad") return { status: "refused", message: "Links need https://" };
      sent.push(item.label);
      return { status: "sent" };
    });
    await outbox.add(post("bad"));
    await outbox.add(post("good"));
    await outbox.flush();
    expect(sent).toEqual(["good"]);
    expect(outbox.waiting).toMatchObject([{ label: "bad", failed: "Links need https://" }]);
    const reloaded = (await setup(factory, async () => ({ status: "sent" }))).outbox;
    expect(await reloaded.load()).toMatchObject([{ label: "bad", failed: "Links need https://" }]);
    await reloaded.discard(outbox.waiting[0]?.key ?? "");
    expect(reloaded.waiting).toEqual([]);
  });

  it("stops without retrying when signed out, and goes on after a sign-in", async () => {
    const factory = new IDBFactory();
    let signedIn = false;
    const { outbox, timers } = await setup(factory, async () =>
      signedIn ? { status: "sent" } : { status: "signed-out" },
    );
    await outbox.add(post("waiting"));
    await outbox.flush();
    expect(timers).toEqual([]);
    expect(outbox.waiting).toHaveLength(1);
    signedIn = true;
    await outbox.flush();
    expect(outbox.waiting).toEqual([]);
  });

  it("sends each post once when two tabs flush the same queue at the same time", async () => {
    const factory = new IDBFactory();
    let lock = Promise.resolve();
    const exclusive = (work: () => Promise<void>) => {
      const run = lock.then(work);
      lock = run.catch(() => {});
      return run;
    };
    const sent: string[] = [];
    const tab = async () => {
      const outbox = new Outbox({
        store: keyValueStore<OutboxItem>("outbox", factory),
        send: async (item) => {
          sent.push(item.label);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { status: "sent" };
        },
        exclusive,
      });
      await outbox.sendFor(RUI);
      return outbox;
    };
    const first = await tab();
    await first.add(post("one"));
    await first.add(post("two"));
    const second = await tab();
    await second.load();
    await Promise.all([first.flush(), second.flush()]);
    expect(sent).toEqual(["one", "two"]);
  });

  it("treats a send that throws like a network failure", async () => {
    const { outbox, timers } = await setup(new IDBFactory(), async () => {
      throw new TypeError("Failed to fetch");
    });
    await outbox.add(post("x"));
    await outbox.flush();
    expect(outbox.waiting).toHaveLength(1);
    expect(timers).toHaveLength(1);
  });
});

describe("Outbox on a shared device", () => {
  it("sends only the signed-in person's posts; another's wait for them, and go out as theirs", async () => {
    const factory = new IDBFactory();
    // Rui queues two posts offline, then signs out.
    const offline = await setup(factory, async () => ({ status: "retry" }));
    await offline.outbox.add(post("rui one"));
    await offline.outbox.add(post("rui two"));
    await offline.outbox.sendFor(null);

    // Eda signs in on the same device (a reload: a new outbox over the same database).
    const sent: string[] = [];
    const send: Sender = async (item) => {
      sent.push(`${item.label} as ${item.userId}`);
      return { status: "sent" };
    };
    const eda = await setup(factory, send, null);
    await eda.outbox.load();
    await eda.outbox.sendFor(EDA);
    await eda.outbox.add(post("eda one", EDA));
    await eda.outbox.flush();
    expect(sent).toEqual(["eda one as user-eda"]);
    const owned = byOwner(eda.outbox.waiting, EDA);
    expect(owned.mine).toEqual([]);
    expect(owned.others.map((i) => i.label)).toEqual(["rui one", "rui two"]);

    // Rui signs in again: his posts go out, in order, with the keys they were queued with.
    await eda.outbox.sendFor(RUI);
    expect(sent).toEqual(["eda one as user-eda", "rui one as user-rui", "rui two as user-rui"]);
    expect(eda.outbox.waiting).toEqual([]);
  });

  it("stops a round as soon as the person signs out", async () => {
    const factory = new IDBFactory();
    const sent: string[] = [];
    const { outbox } = await setup(factory, async (item) => {
      sent.push(item.label);
      // Signing out while the first post is on its way.
      void outbox.sendFor(null);
      return { status: "sent" };
    });
    await outbox.sendFor(null);
    await outbox.add(post("first"));
    await outbox.add(post("second"));
    await outbox.sendFor(RUI);
    expect(sent).toEqual(["first"]);
    expect(outbox.waiting.map((i) => i.label)).toEqual(["second"]);
  });

  it("keeps posts queued before owners were recorded until someone says they are theirs", async () => {
    const factory = new IDBFactory();
    const store = keyValueStore<OutboxItem>("outbox", factory);
    const { userId: _nobody, ...old } = post("from before");
    await store.put({
      ...old,
      key: "k-old",
      seq: 1,
      queuedAt: "2026-12-01T10:00:00Z",
      attempts: 0,
    });
    const sent: string[] = [];
    const { outbox } = await setup(factory, async (item) => {
      sent.push(`${item.label} as ${item.userId}`);
      return { status: "sent" };
    });
    await outbox.load();
    await outbox.flush();
    expect(sent).toEqual([]);
    expect(byOwner(outbox.waiting, RUI).unknown.map((i) => i.key)).toEqual(["k-old"]);
    // Still aside after a reload, whoever signs in.
    expect(
      byOwner(
        await (await setup(factory, async () => ({ status: "sent" }), EDA)).outbox.load(),
        EDA,
      ).unknown,
    ).toHaveLength(1);

    await outbox.claim(["k-old"], RUI);
    expect(sent).toEqual(["from before as user-rui"]);
    expect(outbox.waiting).toEqual([]);
  });
});

describe("backoff and keys", () => {
  it("doubles the wait up to 30 seconds", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it("makes distinct UUIDs", () => {
    const keys = new Set(Array.from({ length: 50 }, idempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });
});
