// Two `dispatch serve` nodes on one PostgreSQL database, both running the follower: exactly one
// holds the source's stream at a time (the lease row), and when that node is killed the other
// takes the follow over when the lease lapses. Every post arrives once.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { openStore } from "../../src/store/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { type NodeProcess, removeCompiledCli, startNode } from "../helpers/processes.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

// biome-ignore lint/suspicious/noExplicitAny: the test reads the API's JSON and asserts on it
type Json = any;

let producer: TestServer;
let producerToken: string;
let database: TestDatabase;
let client: pg.Client;
const nodes: NodeProcess[] = [];
const dirs: string[] = [];
let token: string;

beforeAll(async () => {
  producer = await startTestServer();
  producerToken = await producer.tokenFor("editor");
  await producer.api("POST", "/api/blogs", {
    token: producerToken,
    body: { slug: "wire", title: "Wire" },
  });
  database = await createTestDatabase();
  const store = await openStore({ dataDir: ".", databaseUrl: database.url });
  await store.migrate();
  await addUser({ store, clock: systemClock }, { email: "desk@lease.example", role: "editor" });
  token = (await createToken({ store, clock: systemClock }, "desk@lease.example")).token;
  await store.close();
  client = new pg.Client({ connectionString: withDefaultUser(database.url) });
  await client.connect();
  for (let i = 0; i < 2; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), "dispatch-lease-"));
    dirs.push(dir);
    nodes.push(
      await startNode(
        { DATABASE_URL: database.url, DISPATCH_DATA_DIR: dir, FETCH_ALLOW_PRIVATE: "1" },
        [],
        { startTimeoutMs: 60_000 },
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.kill("SIGKILL");
  await client?.end();
  await database?.drop();
  await producer?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  removeCompiledCli();
});

async function api(node: NodeProcess, method: string, route: string, body?: unknown) {
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as Json };
}

async function publish(from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const answer = await producer.api("POST", "/api/blogs/wire/posts", {
      token: producerToken,
      body: { title: `Item ${i}`, blocks: [paragraph(`Words ${i}`)] },
    });
    expect(answer.status).toBe(201);
  }
}

/** Retries `check` until it passes (or `ms` runs out, rethrowing its last failure). */
const eventually = (check: () => Promise<void>, ms: number) =>
  vi.waitFor(check, { timeout: ms, interval: 250 });

const streamsOpen = async () => {
  const blog = await producer.dispatch.newsroom.store.findBlogBySlug("wire");
  return producer.dispatch.hub.readerCount(blog?.id ?? "");
};

describe("one follower per followed blog across nodes", () => {
  it("holds one stream at a time and hands it over when its node dies", async () => {
    const [first, second] = nodes as [NodeProcess, NodeProcess];
    expect(
      (await api(first, "POST", "/api/blogs", { slug: "client", title: "Client" })).status,
    ).toBe(201);
    const followed = await api(second, "PUT", "/api/blogs/client/follow", {
      source: `${producer.url}/live/wire`,
    });
    expect(followed.status).toBe(200);
    await publish(0, 10);
    await eventually(async () => {
      expect(
        (await api(first, "GET", "/api/blogs/client/posts?limit=200")).json.posts,
      ).toHaveLength(10);
    }, 30_000);
    // Watched for a while: never two streams, from either node.
    for (let i = 0; i < 10; i++) {
      expect(await streamsOpen()).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
    }
    const { rows } = await client.query("SELECT lease_owner FROM blog_follows");
    const holderPid = Number(String(rows[0]?.lease_owner).split(":")[1]);
    const holder = nodes.find((n) => n.child.pid === holderPid);
    const survivor = nodes.find((n) => n !== holder);
    if (!holder || !survivor) throw new Error(`No node holds the lease: ${rows[0]?.lease_owner}`);
    await holder.kill("SIGKILL");
    await publish(10, 10);
    await eventually(async () => {
      const posts = (await api(survivor, "GET", "/api/blogs/client/posts?limit=200")).json.posts;
      expect(posts.map((p: Json) => p.title).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `Item ${i}`).sort(),
      );
    }, 60_000);
    expect(await streamsOpen()).toBe(1);
    const status = await api(survivor, "GET", "/api/blogs/client/follow");
    expect(status.json).toMatchObject({ following: true, connected: true, posts: 20 });
  }, 180_000);
});
