// The follow API on in-process servers: what is refused (with its code and field), a loopback
// source refused unless the operator allows private addresses, the audit entries, a follower
// far behind the source (a `reset`, then a resync from the posts list), switching to key
// events only, and an event applied twice changing nothing.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applySourceEvent } from "../../src/core/operations/syndicate.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

// biome-ignore lint/suspicious/noExplicitAny: the test reads the API's JSON and asserts on it
type Json = any;

let producer: TestServer;
let consumer: TestServer;
let guarded: TestServer;
let producerToken: string;
let consumerEditor: string;
let guardedEditor: string;

beforeAll(async () => {
  [producer, consumer, guarded] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { FETCH_ALLOW_PRIVATE: "1" } }),
    startTestServer(),
  ]);
  [producerToken, consumerEditor, guardedEditor] = await Promise.all([
    producer.tokenFor("editor"),
    consumer.tokenFor("editor"),
    guarded.tokenFor("editor"),
  ]);
  await producer.api("POST", "/api/blogs", {
    token: producerToken,
    body: { slug: "wire", title: "Wire <b>desk</b>" },
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([producer?.close(), consumer?.close(), guarded?.close()]);
});

async function blog(server: TestServer, token: string, slug: string): Promise<void> {
  const made = await server.api("POST", "/api/blogs", { token, body: { slug, title: slug } });
  expect(made.status).toBe(201);
}

async function publish(count: number, keyEvery = 0): Promise<Json[]> {
  const made: Json[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        producer.api("POST", "/api/blogs/wire/posts", {
          token: producerToken,
          body: {
            title: `Bulletin ${i + j}`,
            keyEvent: keyEvery > 0 && (i + j) % keyEvery === 0,
            blocks: [paragraph(`Words of bulletin ${i + j}`)],
          },
        }),
      ),
    );
    for (const answer of batch) {
      expect(answer.status).toBe(201);
      made.push(answer.json);
    }
  }
  return made;
}

async function publicPosts(server: TestServer, slug: string): Promise<Json[]> {
  const all: Json[] = [];
  let before = "";
  for (;;) {
    const page = await server.api(
      "GET",
      `/api/blogs/${slug}/posts?limit=200${before ? `&before=${before}` : ""}`,
    );
    all.push(...page.json.posts);
    if (!page.json.next) return all;
    before = page.json.next;
  }
}

/** Retries `check` until it passes (or `ms` runs out, rethrowing its last failure). */
const eventually = (check: () => Promise<void>, ms = 60_000) =>
  vi.waitFor(check, { timeout: ms, interval: 300 });

describe("PUT /api/blogs/:slug/follow", () => {
  it("refuses what is not another Dispatch blog's address, naming the field", async () => {
    await blog(consumer, consumerEditor, "checked");
    const cases: [unknown, number, string][] = [
      [{ source: "not a url" }, 422, "validation_failed"],
      [{ source: "ftp://example.com/live/x" }, 422, "validation_failed"],
      [{ source: `${producer.url}/live/wire/posts/1` }, 422, "validation_failed"],
      [{ source: `${consumer.url}/live/checked` }, 422, "validation_failed"],
      [{ source: `${producer.url}/live/no-such-blog` }, 422, "fetch_failed"],
      [{ source: `${producer.url}/live/wire`, keyEventsOnly: "yes" }, 422, "validation_failed"],
      [{ source: `${producer.url}/live/wire`, extra: 1 }, 422, "validation_failed"],
      [{}, 422, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await consumer.api("PUT", "/api/blogs/checked/follow", {
        token: consumerEditor,
        body,
      });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json.error.code, JSON.stringify(answer.json)).toBe(code);
    }
    const self = await consumer.api("PUT", "/api/blogs/checked/follow", {
      token: consumerEditor,
      body: { source: `${consumer.url}/live/checked` },
    });
    expect(self.json.error).toMatchObject({
      field: "source",
      message: "A blog cannot follow itself",
    });
    expect(
      (await consumer.api("GET", "/api/blogs/checked/follow", { token: consumerEditor })).json,
    ).toEqual({ following: false });
  });

  it("refuses a loopback source unless the operator allows private addresses", async () => {
    await blog(guarded, guardedEditor, "guarded");
    const answer = await guarded.api("PUT", "/api/blogs/guarded/follow", {
      token: guardedEditor,
      body: { source: `${producer.url}/live/wire` },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: "fetch_refused", field: "source" });
    const reporter = await guarded.tokenFor("reporter");
    const forbidden = await guarded.api("PUT", "/api/blogs/guarded/follow", {
      token: reporter,
      body: { source: `${producer.url}/live/wire` },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe("following", () => {
  it("catches up from far behind (a reset), then switches to key events only", async () => {
    // More changes than a replay carries: the stream answers with a reset.
    const made = await publish(520, 50);
    const resetsBefore = producer.dispatch.hub.stats.resets;
    await blog(consumer, consumerEditor, "far-behind");
    const follow = await consumer.api("PUT", "/api/blogs/far-behind/follow", {
      token: consumerEditor,
      body: { source: `${producer.url}/live/wire` },
    });
    expect(follow.status).toBe(200);
    expect(follow.json.sourceTitle).toBe("Wire <b>desk</b>");
    await eventually(async () => {
      expect((await publicPosts(consumer, "far-behind")).length).toBe(made.length);
    });
    const status = await consumer.api("GET", "/api/blogs/far-behind/follow", {
      token: consumerEditor,
    });
    expect(status.json).toMatchObject({ following: true, connected: true, posts: 520 });
    expect(status.json.lastEventId).toBeGreaterThanOrEqual(520);
    expect(producer.dispatch.hub.stats.resets).toBeGreaterThan(resetsBefore);

    // The card names the source, escaped.
    const page = await fetch(`${consumer.url}/live/far-behind`).then((r) => r.text());
    expect(page).toContain(`>Wire &lt;b&gt;desk&lt;/b&gt;</a>`);
    expect(page).not.toContain("Wire <b>desk</b>");

    const keys = await consumer.api("PUT", "/api/blogs/far-behind/follow", {
      token: consumerEditor,
      body: { source: `${producer.url}/live/wire`, keyEventsOnly: true },
    });
    expect(keys.json).toMatchObject({ keyEventsOnly: true, lastEventId: null });
    const wanted = made
      .filter((p) => p.keyEvent)
      .map((p) => p.title)
      .sort();
    await eventually(async () => {
      const titles = (await publicPosts(consumer, "far-behind")).map((p) => p.title).sort();
      expect(titles).toEqual(wanted);
    });

    const audit = await consumer.api("GET", "/api/audit?action=blog.follow", {
      token: await consumer.tokenFor("admin"),
    });
    expect(audit.json.entries.map((e: Json) => e.detail)).toContainEqual({
      source: `${producer.url}/live/wire`,
      keyEventsOnly: true,
    });
  }, 180_000);

  it("closes the source's stream soon after stopping, long before its idle limit", async () => {
    const wire = await producer.dispatch.newsroom.store.findBlogBySlug("wire");
    const streams = () => producer.dispatch.hub.readerCount(wire?.id ?? "");
    const before = streams();
    await blog(consumer, consumerEditor, "stopper");
    const followed = await consumer.api("PUT", "/api/blogs/stopper/follow", {
      token: consumerEditor,
      body: { source: `${producer.url}/live/wire` },
    });
    expect(followed.status).toBe(200);
    await eventually(async () => expect(streams()).toBe(before + 1), 20_000);
    const stoppedAt = Date.now();
    expect(
      (await consumer.api("DELETE", "/api/blogs/stopper/follow", { token: consumerEditor })).status,
    ).toBe(204);
    // Promptly, not when the stream's 45 s idle limit would end it; the bound is loose
    // because a loaded machine delays the close a little.
    await eventually(async () => expect(streams()).toBe(before), 15_000);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  }, 60_000);

  it("applies an event once: the same event again changes nothing", async () => {
    await blog(consumer, consumerEditor, "replayed");
    const { newsroom } = consumer.dispatch;
    const followed = await consumer.api("PUT", "/api/blogs/replayed/follow", {
      token: consumerEditor,
      body: { source: `${producer.url}/live/wire` },
    });
    expect(followed.status).toBe(200);
    // Stop the follow's stream from this test's point of view: apply by hand to a copy.
    const blogRow = await newsroom.store.findBlogBySlug("replayed");
    const follow = await newsroom.store.findFollow(blogRow?.id ?? "");
    if (!follow) throw new Error("no follow");
    await consumer.api("DELETE", "/api/blogs/replayed/follow", { token: consumerEditor });
    await newsroom.store.saveFollow({ ...follow, lastEventId: 10_000 });
    const event = {
      seq: 10_001,
      kind: "post" as const,
      data: { id: "by-hand", title: "Once", blocks: [paragraph("Only once")] },
    };
    const context = { isOwnHost: () => false };
    expect(await applySourceEvent(newsroom, follow, event, context)).toBe(true);
    expect(await applySourceEvent(newsroom, follow, event, context)).toBe(false);
    const older = { ...event, seq: 10_000, data: { ...event.data, title: "Older" } };
    expect(await applySourceEvent(newsroom, follow, older, context)).toBe(false);
    const posts = await publicPosts(consumer, "replayed");
    expect(posts.filter((p) => p.title === "Once")).toHaveLength(1);
    expect(posts.some((p) => p.title === "Older")).toBe(false);
    await newsroom.store.deleteFollow(follow.blogId);
  });
});
