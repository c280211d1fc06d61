// PostgreSQL going away under load and coming back: Dispatch runs against a private PostgreSQL
// server the test starts, two reporters publish without pause (retrying with their
// Idempotency-Key) and a reader follows the blog. The server is stopped in immediate mode, as
// a crash or failover would take it: every request is answered quickly with 503, Retry-After
// and the contract's error body, and health says the database is unavailable. Once the
// server is back, Dispatch carries on by itself, with no restart: publishing works, the reader
// gets the new posts, and every acknowledged post is there exactly once.
//
// Then the server hangs instead (every process stopped, connections left open, as a cut
// network looks): requests still end, with the same 503, within the pool's time limits.
//
// SQLite has no equivalent: the database is a file inside the Dispatch process, with no
// server or connection to lose.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_TIMEOUT_MS } from "../../src/store/postgres/pool.js";
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from "../helpers/private-postgres.js";
import { type NodeProcess, removeCompiledCli, startNode } from "../helpers/processes.js";
import { connectSse } from "../helpers/sse.js";
import { allPublishedPosts, prepareNewsroom, Reporter, ResumingReader } from "./crash-load.js";

const SLUG = "database-restart";
/** A blog nobody on this node has streamed yet: opening its stream needs the database. */
const QUIET_SLUG = "quiet-desk";
/** The longest any request may take to be answered while the database is down. */
const ANSWER_BOUND_MS = 5000;

const unavailable = await privatePostgresUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL restart test: ${unavailable}`);

let postgres: PrivatePostgres;
let dataDir: string;
let node: NodeProcess;
let token: string;

beforeAll(async () => {
  if (unavailable) return;
  postgres = await startPrivatePostgres();
  dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-pg-restart-"));
  // A real `dispatch serve` process: were a lost connection to throw where nothing catches
  // it, the process would die, as it would in production.
  const env = { DATABASE_URL: postgres.url, DISPATCH_DATA_DIR: dataDir };
  [token] = (await prepareNewsroom(env)) as [string];
  node = await startNode(env, [], { startTimeoutMs: 60_000 });
  for (const [slug, title] of [
    [SLUG, "The database restarts"],
    [QUIET_SLUG, "Nobody is reading this one yet"],
  ]) {
    const made = await fetch(`${node.url}/api/blogs`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ slug, title }),
    });
    expect(made.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await node?.kill("SIGTERM");
  removeCompiledCli();
  await postgres?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request with a timer on it; one left hanging is cut off well past every bound. */
async function timed(method: string, route: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers,
    ...(method === "POST"
      ? { body: JSON.stringify({ blocks: [{ type: "paragraph", text: "Lost in the outage" }] }) }
      : {}),
    signal: AbortSignal.timeout(QUERY_TIMEOUT_MS + 10_000),
  });
  const text = await response.text();
  let body: { error?: { code?: unknown; message?: unknown } } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A page, not JSON: checked by status only.
  }
  return {
    route: `${method} ${route}`,
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    ms: performance.now() - started,
    body,
  };
}

describe.skipIf(unavailable)("PostgreSQL restarted under load", () => {
  it("answers 503 with Retry-After at once while it is down, and recovers by itself", async () => {
    const reporters = [0, 1].map((i) => new Reporter(node.url, SLUG, token, `desk${i}`));
    const reader = new ResumingReader(node.url, SLUG);
    await reader.resume();
    reader.follow();
    for (const reporter of reporters) reporter.start();
    const acknowledged = () => reporters.reduce((sum, r) => sum + r.acknowledged.length, 0);
    await expect.poll(acknowledged, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);

    await postgres.stop("immediate");
    const failuresBefore = reporters.map((reporter) => reporter.failures.length);
    // Publishing carries on against the dead database for a while, then everything a reader
    // or the newsroom asks for is asked at once.
    await sleep(1000);
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const probes = await Promise.all([
      timed("GET", "/api/health"),
      timed("GET", `/api/blogs/${SLUG}`),
      timed("GET", `/api/blogs/${SLUG}/posts`),
      timed("GET", `/api/blogs/${SLUG}/changes?since=1`),
      timed("GET", `/api/blogs/${QUIET_SLUG}/events`, { accept: "text/event-stream" }),
      timed("GET", "/api/blogs", auth),
      timed("POST", `/api/blogs/${SLUG}/posts`, auth),
    ]);
    for (const probe of probes) {
      expect(probe.ms, probe.route).toBeLessThan(ANSWER_BOUND_MS);
      expect(probe.status, probe.route).toBe(503);
      expect(Number(probe.retryAfter), probe.route).toBeGreaterThan(0);
      expect(probe.body?.error?.code, probe.route).toBe("database_unavailable");
      expect(probe.body?.error?.message, probe.route).toEqual(expect.any(String));
    }
    // A reader joining the followed blog is still served: its replay comes from memory.
    const joining = await connectSse(`${node.url}/api/blogs/${SLUG}/events`, {
      "last-event-id": "1",
    });
    expect(joining.status).toBe(200);
    await joining.waitForEvents(5);
    joining.close();
    // The reader's page may come from the page cache; if not, it is refused the same way.
    const page = await timed("GET", `/live/${SLUG}`);
    expect(page.ms).toBeLessThan(ANSWER_BOUND_MS);
    if (page.status !== 200) {
      expect(page.status).toBe(503);
      expect(Number(page.retryAfter)).toBeGreaterThan(0);
    }
    // Every publish the reporters sent meanwhile was refused the same way, never left hanging.
    const duringOutage = reporters.flatMap((r, i) => r.failures.slice(failuresBefore[i]));
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const failure of duringOutage) {
      expect(failure.ms).toBeLessThan(ANSWER_BOUND_MS);
      expect(failure).toMatchObject({ status: 503, code: "database_unavailable" });
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
    }

    await postgres.start();
    const restartedAt = performance.now();
    const acknowledgedAtRestart = acknowledged();
    await expect
      .poll(async () => (await timed("GET", "/api/health")).status, { timeout: 15_000 })
      .toBe(200);
    await expect.poll(acknowledged, { timeout: 15_000 }).toBeGreaterThan(acknowledgedAtRestart);
    const recoveredMs = performance.now() - restartedAt;
    await expect
      .poll(acknowledged, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(acknowledgedAtRestart + 10);
    await Promise.all(reporters.map((reporter) => reporter.stop()));

    // Nothing lost or doubled by the outage, and the reader got every acknowledged post once.
    const acks = reporters.flatMap((reporter) => reporter.acknowledged);
    const ackedIds = new Set(acks.map((ack) => ack.postId));
    const posts = await allPublishedPosts(node.url, SLUG);
    expect(posts.map((post) => post.id).sort()).toEqual([...ackedIds].sort());
    await reader.waitForPosts(ackedIds);
    const delivered = reader.postIds();
    expect(delivered.length).toBe(ackedIds.size);
    const ids = reader.events.map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // The reader's stream stayed open through the outage: nothing to reconnect for.
    expect(reader.connections).toBe(1);
    reader.close();
    const slowest = Math.max(...duringOutage.map((f) => f.ms), ...probes.map((p) => p.ms));
    console.info(
      `PostgreSQL down: ${duringOutage.length} publishes and ${probes.length} probes refused ` +
        `with 503 (slowest ${Math.round(slowest)} ms); first publish acknowledged ` +
        `${Math.round(recoveredMs)} ms after PostgreSQL started again; ${acks.length} posts in all`,
    );
    // The very process that started before the outage served all of it.
    expect(node.child.exitCode).toBeNull();
    expect(node.child.signalCode).toBeNull();
  }, 120_000);

  it("answers 503 within its time limits while PostgreSQL hangs, and recovers when it wakes", async () => {
    // Connections in the pool and new ones both: some requests meet a silent connection (the
    // query time limit ends the wait), others cannot connect (the connect limit does).
    const warm = await Promise.all(
      Array.from({ length: 6 }, () => timed("GET", `/api/blogs/${SLUG}/posts`)),
    );
    expect(warm.map((answer) => answer.status)).toEqual(warm.map(() => 200));
    await postgres.freeze();
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    let probes: Awaited<ReturnType<typeof timed>>[];
    try {
      probes = await Promise.all([
        timed("GET", "/api/health"),
        timed("GET", `/api/blogs/${SLUG}`),
        timed("GET", `/api/blogs/${SLUG}/posts?limit=5`),
        timed("GET", `/api/blogs/${SLUG}/changes?since=1`),
        timed("POST", `/api/blogs/${SLUG}/posts`, auth),
        timed("POST", `/api/blogs/${SLUG}/posts`, auth),
        timed("GET", "/api/blogs", auth),
        timed("GET", "/api/blogs", auth),
      ]);
    } finally {
      await postgres.thaw();
    }
    for (const probe of probes) {
      expect(probe.ms, probe.route).toBeLessThan(QUERY_TIMEOUT_MS + 3000);
      expect(probe.status, probe.route).toBe(503);
      expect(Number(probe.retryAfter), probe.route).toBeGreaterThan(0);
      expect(probe.body?.error?.code, probe.route).toBe("database_unavailable");
    }
    await expect
      .poll(async () => (await timed("GET", "/api/health")).status, { timeout: 15_000 })
      .toBe(200);
    const published = await timed("POST", `/api/blogs/${SLUG}/posts`, auth);
    expect(published.status).toBe(201);
    const slowest = Math.max(...probes.map((probe) => probe.ms));
    console.info(
      `PostgreSQL hung: ${probes.length} requests refused with 503, slowest ${Math.round(slowest)} ms`,
    );
    expect(node.child.exitCode).toBeNull();
  }, 60_000);
});
