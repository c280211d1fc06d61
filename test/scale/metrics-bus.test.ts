// /metrics reports the bus between nodes as /api/health does: dispatch_bus_up is 1 while
// Redis is connected, 0 while it is down, and 1 again once it is back. A private
// redis-server that the test stops and starts again.

import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisProcess, startRedis } from "../helpers/processes.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

const TOKEN = "bus-scrape-0123456789abcdef";

let redis: RedisProcess;
let server: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  server = await startTestServer({ env: { REDIS_URL: redis.url, METRICS_TOKEN: TOKEN } });
}, 30_000);
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

async function busUp(): Promise<string | undefined> {
  const answer = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const families = parsePrometheusTextFormat(await answer.text());
  return families.find((f) => f.name === "dispatch_bus_up")?.metrics[0]?.value;
}

describe("dispatch_bus_up", () => {
  it("follows Redis going away and coming back", async () => {
    expect(await busUp()).toBe("1");
    await redis.stop();
    await expect.poll(busUp, { timeout: 5000 }).toBe("0");
    await redis.start();
    await expect.poll(busUp, { timeout: 15_000 }).toBe("1");
  });
});
