// Webhooks across process deaths and nodes, with real `dispatch serve` processes: a node killed
// with SIGKILL between two attempts still delivers after it is restarted (the queue is in the
// database), and three nodes on one PostgreSQL database deliver each of 30 posts exactly once
// (the lease on each delivery). Every delivery is checked with the Standard Webhooks library.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { openStore } from "../../src/store/index.js";
import { createTestDatabase } from "../helpers/postgres.js";
import { type NodeProcess, removeCompiledCli, startNode } from "../helpers/processes.js";
import { killHard } from "../reliability/crash-load.js";
import { type Receiver, startReceiver } from "./receiver.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  removeCompiledCli();
});

async function adminToken(env: Record<string, string>): Promise<string> {
  const store = await openStore({
    dataDir: env.DISPATCH_DATA_DIR ?? ".",
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  });
  await store.migrate();
  const newsroom = { store, clock: systemClock };
  await addUser(newsroom, { email: "hooks@nodes.example", role: "admin", name: "Hooks" });
  const { token } = await createToken(newsroom, "hooks@nodes.example");
  await store.close();
  return token;
}

async function api(
  node: NodeProcess,
  token: string,
  method: string,
  route: string,
  body?: unknown,
) {
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function node(env: Record<string, string>): Promise<NodeProcess> {
  const started = await startNode(env, [], { startTimeoutMs: 60_000 });
  cleanups.push(() => killHard(started));
  return started;
}

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  cleanups.push(() => r.close());
  return r;
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const paragraph = (text: string) => ({ type: "paragraph", text });

describe("webhooks across processes", () => {
  it("delivers after the node is killed between attempts and restarted", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-hooks-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // Retries a few seconds apart: the kill surely lands between the first and the next.
    const env = {
      DISPATCH_DATA_DIR: dataDir,
      FETCH_ALLOW_PRIVATE: "1",
      WEBHOOK_RETRY_BASE_MS: "4000",
    };
    const token = await adminToken(env);
    const r = await receiver();
    let failing = true;
    r.answer = () => (failing ? 500 : 200);
    let first = await node(env);
    expect(
      (await api(first, token, "POST", "/api/blogs", { slug: "crash", title: "Crash" })).status,
    ).toBe(201);
    const hook = await api(first, token, "POST", "/api/webhooks", {
      url: r.url,
      events: ["post.published"],
    });
    expect(hook.status).toBe(201);
    const made = await api(first, token, "POST", "/api/blogs/crash/posts", {
      blocks: [paragraph("Survives the crash")],
    });
    expect(made.status).toBe(201);
    // The first attempt failed and was written back: the delivery waits for its retry.
    await until(
      async () => {
        const list = await api(first, token, "GET", `/api/webhooks/${hook.json.id}/deliveries`);
        return list.json.deliveries[0]?.attempts === 1;
      },
      20_000,
      "the first attempt",
    );
    await killHard(first);
    const failedAttempts = r.received.length;
    failing = false;
    first = await node(env);
    await r.waitFor(failedAttempts + 1, 60_000);
    const got = r.verified(hook.json.secret);
    expect(new Set(got.map((d) => d.id)).size).toBe(1);
    expect(got.at(-1)?.data.post.id).toBe(made.json.id);
    await until(
      async () => {
        const list = await api(first, token, "GET", `/api/webhooks/${hook.json.id}/deliveries`);
        return list.json.deliveries[0]?.status === "delivered";
      },
      20_000,
      "the delivery to be marked delivered",
    );
  }, 180_000);

  it("sends each event once from three nodes on one PostgreSQL database", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, FETCH_ALLOW_PRIVATE: "1" };
    const token = await adminToken(env);
    const r = await receiver();
    const nodes = [await node(env), await node(env), await node(env)];
    const [one] = nodes as [NodeProcess];
    expect(
      (await api(one, token, "POST", "/api/blogs", { slug: "trio", title: "Trio" })).status,
    ).toBe(201);
    const hook = await api(one, token, "POST", "/api/webhooks", {
      url: r.url,
      events: ["post.published"],
    });
    expect(hook.status).toBe(201);
    const posts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api(nodes[i % 3] as NodeProcess, token, "POST", "/api/blogs/trio/posts", {
          blocks: [paragraph(`Update ${i}`)],
        }),
      ),
    );
    expect(posts.every((p) => p.status === 201)).toBe(true);
    await r.waitFor(30, 60_000);
    // Time for a second sending of any of them, were one to come.
    await new Promise((res) => setTimeout(res, 3000));
    const got = r.verified(hook.json.secret);
    expect(got).toHaveLength(30);
    expect(new Set(got.map((d) => d.id)).size).toBe(30);
    expect(new Set(got.map((d) => d.data.post.id))).toEqual(new Set(posts.map((p) => p.json.id)));
  }, 180_000);
});
