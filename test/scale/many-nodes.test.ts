// Three `dispatch serve` processes on one PostgreSQL and one Redis act as one: a post published
// on one node reaches readers on the others; a reader whose node is killed resumes on another
// with nothing missed; a Redis restart mid-stream loses nothing; reader counts add up; failed
// sign-ins are counted across the nodes, and a recognised device is recognised by all.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import { openStore } from "../../src/store/index.js";
import { cookieNamed, sendFrom } from "../helpers/from-address.js";
import {
  type NodeProcess,
  type RedisProcess,
  removeCompiledCli,
  startNode,
  startRedis,
} from "../helpers/processes.js";
import { TEST_PASSWORD_COST } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

// Users made here are hashed as cheaply as the test server's (helpers/server.ts says why).
setPasswordCostForTests(TEST_PASSWORD_COST);

const ADMIN_URL =
  process.env.DISPATCH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `dispatch_scale_${process.pid}_${Date.now().toString(36)}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);

const SIGN_IN_EMAIL = "night@scale.example";
const SIGN_IN_PASSWORD = "a long night on the desk";

let redis: RedisProcess;
let nodes: NodeProcess[] = [];
let token: string;
let fieldToken: string;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${database}`);
  redis = await startRedis();
  const store = await openStore({ databaseUrl, dataDir: "." });
  await store.migrate();
  await addUser(
    { store, clock: systemClock },
    { email: "desk@scale.example", role: "editor", name: "Desk" },
  );
  token = (await createToken({ store, clock: systemClock }, "desk@scale.example")).token;
  await addUser(
    { store, clock: systemClock },
    { email: "field@scale.example", role: "reporter", name: "Field" },
  );
  fieldToken = (await createToken({ store, clock: systemClock }, "field@scale.example")).token;
  await addUser(
    { store, clock: systemClock },
    { email: SIGN_IN_EMAIL, role: "reporter", name: "Night Desk", password: SIGN_IN_PASSWORD },
  );
  await store.close();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
  nodes = await Promise.all([startNode(env), startNode(env), startNode(env)]);
}, 60_000);

afterAll(async () => {
  removeCompiledCli();
  await Promise.all(nodes.map((node) => node.kill("SIGKILL")));
  await redis?.stop();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

const api = async (node: NodeProcess, method: string, route: string, body?: unknown) => {
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: await response.json() };
};
const publish = (node: NodeProcess, slug: string, text: string) =>
  api(node, "POST", `/api/blogs/${slug}/posts`, { blocks: [{ type: "paragraph", text }] });
const texts = (client: SseClient) => client.events.map((e) => JSON.parse(e.data).html as string);

describe("many nodes", () => {
  it("delivers a post published on one node to readers on the others", async () => {
    const [a, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    expect((await api(a, "POST", "/api/blogs", { slug: "across", title: "Across" })).status).toBe(
      201,
    );
    const onB = await connectSse(`${b.url}/api/blogs/across/events`);
    const onC = await connectSse(`${c.url}/api/blogs/across/events`);
    for (let i = 0; i < 5; i++) expect((await publish(a, "across", `post ${i}`)).status).toBe(201);
    for (const client of [onB, onC]) {
      await client.waitForEvents(5);
      expect(texts(client)).toEqual([0, 1, 2, 3, 4].map((i) => `<p>post ${i}</p>`));
    }
    // Each node counts its own readers; the newsroom sees them summed.
    await expect
      .poll(async () => (await api(a, "GET", "/api/blogs/across/readers")).json.readers, {
        timeout: 8000,
        interval: 250,
      })
      .toBe(2);
    onB.close();
    onC.close();
  });

  it("counts failed sign-ins on every node together, and recognises a device on any node", async () => {
    const signIn = (node: NodeProcess, from: string, password: string, cookie?: string) =>
      sendFrom(
        from,
        "POST",
        `${node.url}/api/session`,
        { email: SIGN_IN_EMAIL, password },
        cookie ? { cookie } : {},
      );
    // The owner signs in once, on the first node: from then on their browser is recognised.
    const usual = await signIn(nodes[0]!, "127.0.0.2", SIGN_IN_PASSWORD);
    expect(usual.status).toBe(200);
    const device = cookieNamed(usual, "dispatch_device");
    expect(device).toBeDefined();
    // Five guesses from one address, spread over the three nodes.
    for (let i = 0; i < 5; i++) {
      const guess = await signIn(nodes[i % 3]!, "127.0.0.3", `guess ${i}`);
      expect(guess.status, `guess ${i + 1}`).toBe(401);
    }
    for (const node of nodes) {
      const refused = await signIn(node, "127.0.0.3", SIGN_IN_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    }
    // Every node checks the cookie with the same secret: the owner gets in from that very
    // address, wherever the request lands.
    for (const node of nodes) {
      expect((await signIn(node, "127.0.0.3", SIGN_IN_PASSWORD, device)).status).toBe(200);
    }
  });

  it("lets a reader whose node dies resume on another with nothing missed", async () => {
    const [a, b, c] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    await api(a, "POST", "/api/blogs", { slug: "failover", title: "Failover" });
    const onC = await connectSse(`${c.url}/api/blogs/failover/events`);
    await publish(a, "failover", "before");
    const [seen] = await onC.waitForEvents(1);
    await c.kill("SIGKILL");
    for (const text of ["during 1", "during 2", "during 3"]) await publish(a, "failover", text);
    const resumed = await connectSse(`${b.url}/api/blogs/failover/events`, {
      "last-event-id": seen!.id!,
    });
    await publish(b, "failover", "after");
    await resumed.waitForEvents(4);
    await new Promise((r) => setTimeout(r, 200));
    expect(texts(resumed)).toEqual([
      "<p>during 1</p>",
      "<p>during 2</p>",
      "<p>during 3</p>",
      "<p>after</p>",
    ]);
    resumed.close();
  });

  it("loses nothing when Redis restarts during a stream of posts", async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    await api(a, "POST", "/api/blogs", { slug: "blip", title: "Blip" });
    const onB = await connectSse(`${b.url}/api/blogs/blip/events`);
    const onA = await connectSse(`${a.url}/api/blogs/blip/events`);
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      if (i === 4) await redis.stop();
      if (i === 8) await redis.start();
      const result = await publish(a, "blip", `update ${i}`);
      expect(result.status).toBe(201);
      sent.push(`<p>update ${i}</p>`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const client of [onA, onB]) {
      await client.waitForEvents(12, 20_000);
      expect(texts(client)).toEqual(sent);
      const ids = client.events.map((e) => Number(e.id));
      expect(new Set(ids).size).toBe(12);
      client.close();
    }
  });

  it("replays a retracted post on no node, from memory or from the log", async () => {
    // C was killed above; A has no reader of this blog, so it replays from the log.
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    expect((await api(a, "POST", "/api/blogs", { slug: "retracted", title: "R" })).status).toBe(
      201,
    );
    // B keeps the blog's recent events in memory.
    const watcher = await connectSse(`${b.url}/api/blogs/retracted/events`);
    const start = (await api(a, "GET", "/api/blogs/retracted/changes")).json.last as number;
    const named = await publish(a, "retracted", "Police name John Doe as the suspect.");
    const drafted = await publish(a, "retracted", "John Doe was seen at the harbour.");
    await api(a, "PATCH", `/api/blogs/retracted/posts/${named.json.id}`, {
      version: 1,
      blocks: [{ type: "paragraph", text: "Police have not named a suspect." }],
    });
    await api(a, "PATCH", `/api/blogs/retracted/posts/${drafted.json.id}`, {
      version: 1,
      status: "draft",
    });
    await watcher.waitForEvents(4);
    watcher.close();
    const polled = await api(a, "GET", "/api/blogs/retracted/changes?since=0");
    expect(JSON.stringify(polled.json)).not.toContain("John Doe");
    for (const [node, after] of [
      [b, start],
      [b, 0],
      [a, 0],
    ] as const) {
      const replay = await connectSse(`${node.url}/api/blogs/retracted/events`, {
        "last-event-id": String(after),
      });
      const events = await replay.waitForEvents(after === 0 ? 3 : 2);
      await new Promise((r) => setTimeout(r, 200));
      replay.close();
      expect(JSON.stringify(replay.events)).not.toContain("John Doe");
      const posts = events.filter((e) => e.event !== "blog");
      expect(posts.map((e) => [e.event, JSON.parse(e.data).id])).toEqual([
        ["post", named.json.id],
        ["delete", drafted.json.id],
      ]);
    }
  });

  it("shows the desk's people on every node, whichever node each is connected to", async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    await api(a, "POST", "/api/blogs", { slug: "desk-across", title: "Desk across" });
    const desk = await connectSse(`${a.url}/api/blogs/desk-across/desk`, {
      authorization: `Bearer ${token}`,
    });
    const field = await connectSse(`${b.url}/api/blogs/desk-across/desk`, {
      authorization: `Bearer ${fieldToken}`,
    });
    const people = (client: SseClient) => {
      const presence = client.events.filter((e) => e.event === "presence");
      const last = presence[presence.length - 1];
      return last
        ? (JSON.parse(last.data).people as { name: string; editing: string | null }[])
        : [];
    };
    const poll = { timeout: 8000, interval: 100 };
    for (const client of [desk, field]) {
      await expect.poll(() => people(client).map((p) => p.name), poll).toEqual(["Desk", "Field"]);
    }
    // Saying what one edits may reach any node, not the one holding one's desk stream.
    const editing = await fetch(`${a.url}/api/blogs/desk-across/presence`, {
      method: "POST",
      headers: { authorization: `Bearer ${fieldToken}`, "content-type": "application/json" },
      body: JSON.stringify({ editing: "post-7" }),
    });
    expect(editing.status).toBe(204);
    await expect
      .poll(() => people(desk).find((p) => p.name === "Field")?.editing, poll)
      .toBe("post-7");
    field.close();
    await expect.poll(() => people(desk).map((p) => p.name), poll).toEqual(["Desk"]);
    desk.close();
  });
});
