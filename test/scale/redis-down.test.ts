// While Redis is down a node still serves: the newsroom's reader count falls back to this
// node's own readers and says it is partial, and /api/health reports the bus as degraded
// (200 still: the node serves readers from its change log). Over real HTTP against a private
// redis-server the test stops and starts again.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisProcess, startRedis } from "../helpers/processes.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

let redis: RedisProcess;
let server: TestServer;
let editor: string;
let reader: SseClient;

beforeAll(async () => {
  redis = await startRedis();
  server = await startTestServer({ env: { REDIS_URL: redis.url } });
  editor = await server.tokenFor("editor");
  const made = await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "redis-down", title: "Redis down" },
  });
  expect(made.status).toBe(201);
  reader = await connectSse(`${server.url}/api/blogs/redis-down/events`);
}, 30_000);
afterAll(async () => {
  reader?.close();
  await server?.close();
  await redis?.stop();
});

const readers = () => server.api("GET", "/api/blogs/redis-down/readers", { token: editor });
const health = () => server.api("GET", "/api/health");

describe("Redis going away and coming back", () => {
  it("counts this node's readers as partial and reports the bus degraded, then recovers", async () => {
    // Reader counts reach Redis every few seconds; wait for this node's first report.
    await expect
      .poll(async () => (await readers()).json, { timeout: 10_000 })
      .toEqual({
        readers: 1,
      });
    expect((await health()).json).toMatchObject({ status: "ok", bus: "ok" });

    await redis.stop();
    const partial = await readers();
    expect(partial.status).toBe(200);
    expect(partial.json).toEqual({ readers: 1, partial: true });
    await expect
      .poll(async () => (await health()).json, { timeout: 5000 })
      .toMatchObject({ status: "degraded", bus: "degraded" });
    expect((await health()).status).toBe(200);

    await redis.start();
    await expect
      .poll(async () => (await health()).json, { timeout: 15_000 })
      .toMatchObject({ status: "ok", bus: "ok" });
    await expect
      .poll(async () => (await readers()).json, { timeout: 10_000 })
      .toEqual({
        readers: 1,
      });
  }, 60_000);
});
