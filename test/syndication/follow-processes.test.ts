// Syndication between two real `dispatch serve` processes (compiled), each with its own data
// dir and SQLite file: a consumer blog follows a producer blog (and a second consumer blog
// follows only its key events) while the producer publishes, edits, deletes and toggles key
// events; the producer is killed and started again on the same data and port mid-stream, and
// so is the consumer while the producer keeps publishing. At the end each follower holds
// exactly the producer's posts it should (same titles and words), none twice, none missing,
// deleted ones gone, each marked with its origin. Stopping the follow keeps what came.

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { openStore } from "../../src/store/index.js";
import {
  dispatchEntry,
  freePort,
  type NodeProcess,
  removeCompiledCli,
  startNode,
} from "../helpers/processes.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  removeCompiledCli();
});

// biome-ignore lint/suspicious/noExplicitAny: the test reads the API's JSON and asserts on it
type Json = any;

async function editorToken(dataDir: string): Promise<string> {
  const store = await openStore({ dataDir });
  await store.migrate();
  const newsroom = { store, clock: systemClock };
  await addUser(newsroom, { email: "desk@syndication.example", role: "editor", name: "Desk" });
  const { token } = await createToken(newsroom, "desk@syndication.example");
  await store.close();
  return token;
}

/** Runs `dispatch …` as a person at the terminal would. */
function dispatchCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; out: string }> {
  const child = spawn(process.execPath, [...dispatchEntry(), ...args], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) => child.on("exit", (status) => resolve({ status, out })));
}

class Node {
  process: NodeProcess | undefined;
  constructor(
    readonly env: Record<string, string>,
    readonly port: number,
    readonly token: string,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start() {
    this.process = await startNode(this.env, ["--port", String(this.port)], {
      startTimeoutMs: 60_000,
    });
  }
  async stop(signal: NodeJS.Signals = "SIGTERM") {
    await this.process?.kill(signal);
    this.process = undefined;
  }
  async api(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }
  /** Every published post, read anonymously through the public list, page by page. */
  async posts(slug: string): Promise<Json[]> {
    const all: Json[] = [];
    let before = "";
    for (;;) {
      const response = await fetch(
        `${this.url}/api/blogs/${slug}/posts?limit=200${before ? `&before=${before}` : ""}`,
      );
      const page = (await response.json()) as Json;
      all.push(...page.posts);
      if (!page.next) return all;
      before = page.next;
    }
  }
}

async function makeNode(prefix: string, env: Record<string, string> = {}): Promise<Node> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `dispatch-${prefix}-`));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const node = new Node(
    { DISPATCH_DATA_DIR: dataDir, ...env },
    await freePort(),
    await editorToken(dataDir),
  );
  cleanups.push(() => node.stop("SIGKILL"));
  await node.start();
  return node;
}

const words = (post: Json) =>
  post.blocks
    .filter((b: Json) => b.type === "paragraph")
    .map((b: Json) => b.text)
    .join("\n");

/** Retries `check` until it passes (or `ms` runs out, rethrowing its last failure). */
const eventually = (check: () => Promise<void>, ms: number) =>
  vi.waitFor(check, { timeout: ms, interval: 250 });

describe("a blog following a blog on another Dispatch", () => {
  let producer: Node;
  let consumer: Node;
  const source = () => `${producer.url}/live/wire`;

  beforeAll(async () => {
    [producer, consumer] = await Promise.all([
      makeNode("producer"),
      makeNode("consumer", { FETCH_ALLOW_PRIVATE: "1" }),
    ]);
    for (const [node, slug] of [
      [producer, "wire"],
      [consumer, "client"],
      [consumer, "client-keys"],
    ] as const) {
      const created = await node.api("POST", "/api/blogs", { slug, title: `The ${slug} blog` });
      expect(created.status).toBe(201);
    }
  }, 120_000);

  it("ends with exactly the producer's posts through restarts of either side", async () => {
    const live = new Map<string, Json>();
    let n = 0;
    const publish = async (keyEvent = false) => {
      n++;
      const answer = await producer.api("POST", "/api/blogs/wire/posts", {
        title: `Update ${n}`,
        keyEvent,
        blocks: [
          { type: "paragraph", text: `Line one of update ${n}\nand its **second** line` },
          { type: "image", src: "https://images.example.com/a.jpg", alt: `Picture ${n}` },
        ],
      });
      expect(answer.status).toBe(201);
      live.set(answer.json.id, answer.json);
      return answer.json;
    };
    const edit = async (id: string, change: Json) => {
      const current = live.get(id);
      const answer = await producer.api("PATCH", `/api/blogs/wire/posts/${id}`, {
        ...change,
        version: current.version,
      });
      expect(answer.status).toBe(200);
      live.set(id, answer.json);
    };
    const remove = async (id: string) => {
      expect((await producer.api("DELETE", `/api/blogs/wire/posts/${id}`)).status).toBe(204);
      live.delete(id);
    };

    // Posts from before the follow come too.
    for (let i = 0; i < 3; i++) await publish(i === 0);
    const followed = await consumer.api("PUT", "/api/blogs/client/follow", { source: source() });
    expect(followed.status).toBe(200);
    expect(followed.json).toMatchObject({
      following: true,
      source: source(),
      keyEventsOnly: false,
    });
    expect(followed.json.sourceTitle).toBe("The wire blog");
    const keys = await consumer.api("PUT", "/api/blogs/client-keys/follow", {
      source: `${producer.url}/api/blogs/wire`,
      keyEventsOnly: true,
    });
    expect(keys.status).toBe(200);

    const round = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const post = await publish(n % 3 === 0);
        if (n % 4 === 0) await edit(post.id, { title: `Update ${n}, corrected` });
        if (n % 5 === 0) await remove(post.id);
        if (n % 7 === 0) {
          const older = [...live.values()][0];
          await edit(older.id, { keyEvent: !older.keyEvent });
        }
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    await round(10);

    // The producer dies and comes back on the same data and port.
    await producer.stop("SIGKILL");
    await new Promise((r) => setTimeout(r, 1500));
    await producer.start();
    await round(10);

    // The consumer dies while the producer keeps publishing, then comes back.
    await consumer.stop("SIGKILL");
    await round(10);
    await consumer.start();
    await round(5);
    // A clean restart of the producer too (its streams end, the follower comes back).
    await producer.stop("SIGTERM");
    await producer.start();
    const first = [...live.values()][1];
    await edit(first.id, {
      blocks: [{ type: "paragraph", text: "Corrected after both restarts" }],
    });
    await round(5);

    const expected = await producer.posts("wire");
    expect(expected.length).toBe(live.size);
    const expectBlog = async (slug: string, wanted: Json[]) => {
      await eventually(async () => {
        const got = await consumer.posts(slug);
        const byOrigin = new Map(got.map((p: Json) => [p.origin?.url, p]));
        expect(byOrigin.size).toBe(got.length);
        expect(got.map((p: Json) => p.origin?.url).sort()).toEqual(
          wanted.map((p) => `${source()}/posts/${p.id}`).sort(),
        );
        // In the source's order, newest first.
        expect(got.map((p: Json) => p.origin.url)).toEqual(
          wanted.map((p) => `${source()}/posts/${p.id}`),
        );
        for (const post of wanted) {
          const copy = byOrigin.get(`${source()}/posts/${post.id}`);
          expect(copy.title).toBe(post.title);
          expect(words(copy)).toBe(words(post));
          expect(copy.keyEvent).toBe(post.keyEvent);
          expect(copy.pinned).toBe(false);
          expect(copy.origin).toMatchObject({
            blog: "The wire blog",
            host: `127.0.0.1:${producer.port}`,
          });
          const image = (p: Json) => p.blocks.find((b: Json) => b.type === "image")?.src;
          expect(image(copy)).toBe(image(post));
        }
      }, 90_000);
    };
    await expectBlog("client", expected);
    await expectBlog(
      "client-keys",
      expected.filter((p) => p.keyEvent),
    );
    const corrected = (await consumer.posts("client")).find(
      (p: Json) => p.origin.url === `${source()}/posts/${first.id}`,
    );
    expect(words(corrected)).toBe("Corrected after both restarts");

    const status = await consumer.api("GET", "/api/blogs/client/follow");
    expect(status.json).toMatchObject({ following: true, connected: true, posts: expected.length });
    // Nothing in the producer's log after the last event the follower applied.
    const after = await fetch(
      `${producer.url}/api/blogs/wire/changes?since=${status.json.lastEventId}`,
    ).then((r) => r.json() as Promise<Json>);
    expect(after.changes).toEqual([]);

    // The reader page marks each syndicated post with its source.
    const page = await (await fetch(`${consumer.url}/live/client`)).text();
    expect(page).toContain(`From <a href="${source()}/posts/${expected[0].id}">The wire blog</a>`);
  }, 400_000);

  it("stops following on request: nothing new arrives, what came stays marked", async () => {
    const before = await consumer.posts("client");
    expect(before.length).toBeGreaterThan(0);
    expect((await consumer.api("DELETE", "/api/blogs/client/follow")).status).toBe(204);
    expect((await consumer.api("GET", "/api/blogs/client/follow")).json).toEqual({
      following: false,
    });
    await new Promise((r) => setTimeout(r, 2500));
    const late = await producer.api("POST", "/api/blogs/wire/posts", {
      title: "After the follow ended",
      keyEvent: true,
      blocks: [{ type: "paragraph", text: "Not for the client" }],
    });
    expect(late.status).toBe(201);
    // The key-events follower, still following, gets it: the stream is live.
    await eventually(async () => {
      const keys = await consumer.posts("client-keys");
      expect(keys.some((p: Json) => p.title === "After the follow ended")).toBe(true);
    }, 30_000);
    const after = await consumer.posts("client");
    expect(after.map((p: Json) => p.id).sort()).toEqual(before.map((p: Json) => p.id).sort());
    expect(after.every((p: Json) => p.origin?.url.startsWith(source()))).toBe(true);
  }, 120_000);

  it("follows and stops from the command line, with the server's own address checks", async () => {
    const env = { DISPATCH_DATA_DIR: consumer.env.DISPATCH_DATA_DIR ?? "" };
    const refused = await dispatchCommand(["follow", "client", source()], env);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/not a public internet address/);
    const followed = await dispatchCommand(["follow", "client", source(), "--key-events-only"], {
      ...env,
      FETCH_ALLOW_PRIVATE: "1",
    });
    expect(followed.out).toContain("client now follows The wire blog");
    expect(followed.status).toBe(0);
    await eventually(async () => {
      const status = await consumer.api("GET", "/api/blogs/client/follow");
      expect(status.json).toMatchObject({ following: true, keyEventsOnly: true, connected: true });
    }, 30_000);
    const stopped = await dispatchCommand(["unfollow", "client"], env);
    expect(stopped.status).toBe(0);
    expect((await consumer.api("GET", "/api/blogs/client/follow")).json).toEqual({
      following: false,
    });
  }, 120_000);
});
