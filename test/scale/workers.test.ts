// `dispatch serve --workers 2` on one SQLite file: readers spread over the workers all get a
// post published through any of them, the reader count covers both workers, and failed
// sign-ins spread over both meet one count.

import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import { openStore } from "../../src/store/index.js";
import { type NodeProcess, removeCompiledCli, startNode } from "../helpers/processes.js";
import { TEST_PASSWORD_COST } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

// Users made here are hashed as cheaply as the test server's (helpers/server.ts says why).
setPasswordCostForTests(TEST_PASSWORD_COST);

const SCRAPE_TOKEN = "scrape-the-workers-0123456789";
let dataDir: string;
let node: NodeProcess;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-workers-"));
  const store = await openStore({ dataDir });
  await store.migrate();
  await addUser({ store, clock: systemClock }, { email: "desk@workers.example", role: "editor" });
  token = (await createToken({ store, clock: systemClock }, "desk@workers.example")).token;
  await addUser(
    { store, clock: systemClock },
    { email: "night@workers.example", role: "reporter", password: "a long night on the desk" },
  );
  await store.close();
  // Compiled, as installed: two workers through tsx take long to start on a busy machine.
  node = await startNode(
    { DISPATCH_DATA_DIR: dataDir, METRICS_TOKEN: SCRAPE_TOKEN },
    ["--workers", "2"],
    { startTimeoutMs: 45_000 },
  );
}, 90_000);

afterAll(async () => {
  await node?.kill("SIGTERM");
  removeCompiledCli();
  await rm(dataDir, { recursive: true, force: true });
});

describe("workers", () => {
  it("deliver every post to readers on every worker", async () => {
    const call = (method: string, route: string, body: unknown) =>
      fetch(`${node.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await call("POST", "/api/blogs", { slug: "cores", title: "Cores" })).status).toBe(201);
    // New connections are spread across the workers by the primary.
    const readers = await Promise.all(
      Array.from({ length: 8 }, () => connectSse(`${node.url}/api/blogs/cores/events`)),
    );
    for (let i = 0; i < 4; i++) {
      const response = await call("POST", "/api/blogs/cores/posts", {
        blocks: [{ type: "paragraph", text: `core ${i}` }],
      });
      expect(response.status).toBe(201);
    }
    for (const reader of readers) {
      const events = await reader.waitForEvents(4);
      expect(events.map((e) => JSON.parse(e.data).html)).toEqual(
        [0, 1, 2, 3].map((i) => `<p>core ${i}</p>`),
      );
    }
    await expect
      .poll(
        async () => {
          const response = await fetch(`${node.url}/api/blogs/cores/readers`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return (await response.json()).readers;
        },
        { timeout: 8000, interval: 250 },
      )
      .toBe(8);
    for (const reader of readers) reader.close();
  });

  it("count failed sign-ins on both workers together", async () => {
    // Each attempt on a connection of its own, so the primary hands them to the workers in turn.
    const signIn = (password: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ email: "night@workers.example", password });
        const req = request(
          `${node.url}/api/session`,
          { method: "POST", agent: false, headers: { "content-type": "application/json" } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    for (let i = 1; i <= 5; i++) expect(await signIn(`guess ${i}`), `guess ${i}`).toBe(401);
    for (let i = 0; i < 4; i++) expect(await signIn("a long night on the desk")).toBe(429);
  });

  it("answer /metrics for every worker, whichever worker takes the scrape", async () => {
    const readers = await Promise.all(
      Array.from({ length: 6 }, () => connectSse(`${node.url}/api/blogs/cores/events`)),
    );
    // Each scrape on a connection of its own, so the primary hands them to the workers in turn.
    const scrape = async () => {
      const answer = await fetch(`${node.url}/metrics`, {
        headers: { authorization: `Bearer ${SCRAPE_TOKEN}`, connection: "close" },
      });
      expect(answer.status).toBe(200);
      const text = await answer.text();
      const families = parsePrometheusTextFormat(text);
      const readerLines = families.find((f) => f.name === "dispatch_live_readers")?.metrics ?? [];
      // The parser folds a labelled histogram into one; its count lines name their workers.
      const lag = [...text.matchAll(/^dispatch_event_lag_seconds_count\{worker="(\d+)"\}/gm)];
      return {
        workers: new Set(readerLines.map((m) => m.labels?.worker)).size,
        readers: readerLines
          .filter((m) => m.labels?.blog === "cores")
          .reduce((sum, m) => sum + Number(m.value), 0),
        lagWorkers: new Set(lag.map((m) => m[1])).size,
      };
    };
    const scrapes = [];
    for (let i = 0; i < 4; i++) scrapes.push(await scrape());
    for (const figures of scrapes)
      expect(figures).toEqual({ workers: 2, readers: 6, lagWorkers: 2 });
    for (const reader of readers) reader.close();
  });
});
