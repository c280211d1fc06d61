// bench:fanout: how cheaply one Dispatch process pushes a live update to N open SSE readers,
// against a baseline measured in the same run: a plain Socket.IO 4 server broadcasting the same
// post JSON to N socket.io-client subscribers in one room. Server and subscribers run in their
// own processes, pinned to different cores. Usage: npm run bench:fanout [-- 2000 10000 18000]
// (or FANOUT_N=2000,10000). Prints a table per N and writes bench/results/fanout.json.

import { writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import {
  type Child,
  HAS_TASKSET,
  type IpcMessage,
  sleep,
  spawnScript,
} from "../support/processes.js";
import type { ClientReport } from "./deliveries.js";
import type { ClientOptions } from "./options.js";
import { PLAN, PLAN_EVENTS } from "./publisher.js";

type System = "Dispatch" | "Socket.IO" | "Floor";

const SERVER_SCRIPT: Record<System, string> = {
  Dispatch: "support/dispatch-server.ts",
  "Socket.IO": "fanout/socketio-server.ts",
  Floor: "fanout/floor-server.ts",
};

interface Usage extends IpcMessage {
  cpuUs: number;
  /** The part of cpuUs spent in the kernel: for fan-out, mostly TCP sends. */
  systemUs: number;
  rss: number;
  readers: number;
}

/** One run of the publish plan over the same open connections. */
interface Round {
  cpuUsPerDelivery: number;
  systemUsPerDelivery: number;
  report: ClientReport;
}

interface SystemResult {
  system: System;
  subscribers: number;
  connectMs: number;
  rssIdle: number;
  rssConnected: number;
  rssPerConnection: number;
  /** Each figure below is the median over the rounds (completeness: see `combine`). */
  cpuUsPerDelivery: number;
  /** The kernel's share of cpuUsPerDelivery. */
  systemUsPerDelivery: number;
  /** The lowest and highest server CPU per delivery of the rounds: how steady the reading is. */
  cpuUsRange: [number, number];
  report: ClientReport;
  rounds: Round[];
  /** Average bytes of the post JSON each event carries. */
  payloadBytes: number;
  /** Dispatch only: every subscriber cut off and back at once with its Last-Event-ID. */
  storm?: { ms: number; complete: number; cpuMs: number };
}

/** FANOUT_BASELINE=skip leaves Socket.IO out (Dispatch and the floor only): for trying a change out. */
const SKIP_BASELINE = process.env.FANOUT_BASELINE === "skip";
/**
 * The plan runs this many times over the same connections, and each figure is the median of
 * the rounds: one round at 2,000 readers is about a second of server CPU, which other work on
 * the machine moves by a fifth either way.
 */
const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? "3");
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 9) {
  throw new Error(
    `FANOUT_ROUNDS must be a whole number from 1 to 9, got ${process.env.FANOUT_ROUNDS}`,
  );
}
const sizes = (process.argv.slice(2).join(",") || process.env.FANOUT_N || "2000,10000,18000")
  .split(",")
  .filter(Boolean)
  .map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 19_000)) {
  throw new Error(`Subscriber counts must be whole numbers from 1 to 19000, got ${sizes}`);
}
const [SERVER_CORE, CLIENT_CORE] = availableParallelism() >= 2 ? [0, 1] : [null, null];
const LIMIT_MS = (6 + 2 * ROUNDS) * 60 * 1000 * sizes.length;
setTimeout(() => {
  console.error(`bench:fanout: gave up after ${LIMIT_MS / 60_000} minutes`);
  process.exit(1);
}, LIMIT_MS).unref();

let runs = 0;
/** Other work on the machine skews both sides; the load average goes into the results. */
const loadAtStart = loadavg();

async function measure(system: System, subscribers: number, bodies: string[]) {
  runs += 1;
  const server = spawnScript(SERVER_SCRIPT[system], {
    core: SERVER_CORE,
    // e.g. FANOUT_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where it goes.
    nodeArgs: ["--expose-gc", ...(process.env.FANOUT_SERVER_NODE_ARGS?.split(" ") ?? [])],
  });
  let client: Child | undefined;
  try {
    const ready = await server.next<IpcMessage & { url: string; slug?: string; token?: string }>(
      "ready",
      60_000,
    );
    // The floor broadcasts Dispatch's own payloads; Socket.IO gets them through its publisher.
    if (system === "Floor") await server.ask({ type: "payloads", payloads: bodies });
    const idle = await server.ask<Usage>({ type: "usage", gc: true });
    const options: ClientOptions & { slug?: string; token?: string } = {
      url: ready.url,
      subscribers,
      sourcePrefix: `127.0.${runs}`,
      perAddress: 2000,
      concurrency: 200,
      settleMs: 30_000,
      ...(ready.slug ? { slug: ready.slug, token: ready.token } : {}),
    };
    client = spawnScript(
      system === "Socket.IO" ? "fanout/socketio-client.ts" : "fanout/sse-client.ts",
      {
        core: CLIENT_CORE,
        nodeArgs: ["--max-old-space-size=8192"],
        args: [JSON.stringify(options)],
      },
    );
    const connected = await client.next<IpcMessage & { ms: number }>(
      "connected",
      Math.max(60_000, subscribers * 10),
    );
    await sleep(2000);
    const full = await server.ask<Usage>({ type: "usage", gc: true });
    if (full.readers !== subscribers) {
      throw new Error(`${system}: ${full.readers} readers connected, expected ${subscribers}`);
    }
    const planMs = PLAN.singles * PLAN.spacingMs + PLAN.pauseMs;
    const rounds: Round[] = [];
    let answers: string[] | undefined;
    let after = await server.ask<Usage>({ type: "usage" });
    for (let round = 0; round < ROUNDS; round++) {
      const before = after;
      const published = await client.ask<IpcMessage & { report: ClientReport; answers?: string[] }>(
        { type: "publish", bodies },
        planMs + options.settleMs + 60_000,
      );
      after = await server.ask<Usage>({ type: "usage" });
      answers ??= published.answers;
      rounds.push({
        cpuUsPerDelivery: (after.cpuUs - before.cpuUs) / (PLAN_EVENTS * subscribers),
        systemUsPerDelivery: (after.systemUs - before.systemUs) / (PLAN_EVENTS * subscribers),
        report: published.report,
      });
    }
    let storm: SystemResult["storm"];
    if (system === "Dispatch") {
      const back = await client.ask<IpcMessage & { ms: number; complete: number }>(
        { type: "storm" },
        Math.max(60_000, subscribers * 10) + options.settleMs,
      );
      const end = await server.ask<Usage>({ type: "usage" });
      storm = { ms: back.ms, complete: back.complete, cpuMs: (end.cpuUs - after.cpuUs) / 1000 };
    }
    const payloads = answers ?? bodies;
    const cpu = rounds.map((r) => r.cpuUsPerDelivery);
    const result: SystemResult = {
      system,
      subscribers,
      connectMs: connected.ms,
      rssIdle: idle.rss,
      rssConnected: full.rss,
      rssPerConnection: (full.rss - idle.rss) / subscribers,
      cpuUsPerDelivery: median(cpu),
      systemUsPerDelivery: median(rounds.map((r) => r.systemUsPerDelivery)),
      cpuUsRange: [Math.min(...cpu), Math.max(...cpu)],
      report: combine(rounds.map((r) => r.report)),
      rounds,
      payloadBytes: payloads.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / payloads.length,
      ...(storm ? { storm } : {}),
    };
    return { result, payloads };
  } finally {
    await client?.stop();
    await server.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rounds' reports as one: medians of the timings, sums of the counts. */
function combine(reports: ClientReport[]): ClientReport {
  const sum = (get: (r: ClientReport) => number) => reports.reduce((t, r) => t + get(r), 0);
  const mid = (get: (r: ClientReport) => number) => median(reports.map(get));
  return {
    subscribers: reports[0]!.subscribers,
    events: sum((r) => r.events),
    deliveries: sum((r) => r.deliveries),
    expectedDeliveries: sum((r) => r.expectedDeliveries),
    // The fewest subscribers complete in any one round: "all" only if no round lost anything.
    complete: Math.min(...reports.map((r) => r.complete)),
    outOfOrderOrRepeated: sum((r) => r.outOfOrderOrRepeated),
    dropped: sum((r) => r.dropped),
    latencyMs: {
      p50: mid((r) => r.latencyMs.p50),
      p99: mid((r) => r.latencyMs.p99),
      max: Math.max(...reports.map((r) => r.latencyMs.max)),
    },
    lastSubscriberMs: {
      p50: mid((r) => r.lastSubscriberMs.p50),
      p99: mid((r) => r.lastSubscriberMs.p99),
      max: Math.max(...reports.map((r) => r.lastSubscriberMs.max)),
    },
    clientCpuMs: mid((r) => r.clientCpuMs),
  };
}

const ms = (v: number) => (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
const us = (v: number) => `${v.toFixed(2)} µs`;
const count = (v: number) => v.toLocaleString("en-US");

type Outcome = SystemResult | string;

function table(d: SystemResult, s: Outcome, f: Outcome): string {
  const rows: [string, (r: SystemResult) => number, (v: number) => string, string][] = [
    ["server CPU per delivery", (r) => r.cpuUsPerDelivery, us, "≤ 0.5×"],
    ["… of which in the kernel", (r) => r.systemUsPerDelivery, us, ""],
    ["… lowest of the rounds", (r) => r.cpuUsRange[0], us, ""],
    ["… highest of the rounds", (r) => r.cpuUsRange[1], us, ""],
    ["server RSS per connection", (r) => r.rssPerConnection, kb, "≤ 0.6×"],
    ["latency per delivery, p50", (r) => r.report.latencyMs.p50, ms, ""],
    ["latency per delivery, p99", (r) => r.report.latencyMs.p99, ms, ""],
    ["until the last subscriber has it, p50", (r) => r.report.lastSubscriberMs.p50, ms, ""],
    [
      "until the last subscriber has it, p99",
      (r) => r.report.lastSubscriberMs.p99,
      ms,
      d.subscribers === 10_000 ? "≤ 100 ms" : "",
    ],
    ["connecting all subscribers", (r) => r.connectMs, (v) => `${(v / 1000).toFixed(1)} s`, ""],
    ["client CPU during publishing", (r) => r.report.clientCpuMs, ms, ""],
    ["event payload (post JSON)", (r) => r.payloadBytes, kb, ""],
  ];
  const lines = [
    `| N = ${count(d.subscribers)} | Dispatch | Socket.IO | ratio | target | floor |`,
    "| --- | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const [label, get, format, target] of rows) {
    const other = typeof s === "string" ? s : format(get(s));
    const ratio = typeof s === "string" ? "–" : `${(get(d) / get(s)).toFixed(2)}×`;
    const floor = typeof f === "string" ? f : format(get(f));
    lines.push(`| ${label} | ${format(get(d))} | ${other} | ${ratio} | ${target} | ${floor} |`);
  }
  const delivered = (r: SystemResult) =>
    `${count(r.report.deliveries)} / ${count(r.report.expectedDeliveries)}`;
  const complete = (r: SystemResult) => `${count(r.report.complete)} / ${count(r.subscribers)}`;
  const or = (o: Outcome, get: (r: SystemResult) => string) => (typeof o === "string" ? o : get(o));
  for (const [label, get] of [
    ["events delivered", delivered],
    ["subscribers with every event, in order, once", complete],
  ] as const) {
    lines.push(`| ${label} | ${get(d)} | ${or(s, get)} | | all | ${or(f, get)} |`);
  }
  if (d.storm) {
    const back = `${(d.storm.ms / 1000).toFixed(1)} s, ${count(d.storm.complete)} / ${count(d.subscribers)}`;
    lines.push(
      `| reconnect storm: all back with the 2 posts they missed | ${back} | – | | all | – |`,
    );
    lines.push(`| … server CPU for the storm | ${ms(d.storm.cpuMs)} | – | | | – |`);
  }
  return lines.join("\n");
}

/** A baseline's result, or why there is none: a failed baseline does not sink the run. */
async function baseline(system: System, subscribers: number, payloads: string[]): Promise<Outcome> {
  if (SKIP_BASELINE && system === "Socket.IO") return "skipped";
  console.error(`bench:fanout: ${count(subscribers)} subscribers, ${system}…`);
  try {
    return (await measure(system, subscribers, payloads)).result;
  } catch (error) {
    const why = `failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    console.error(`bench:fanout: the ${system} baseline at ${subscribers} ${why}`);
    return why;
  }
}

const results: {
  subscribers: number;
  dispatch: SystemResult;
  socketIo: Outcome;
  floor: Outcome;
}[] = [];
for (const subscribers of sizes) {
  console.error(`bench:fanout: ${count(subscribers)} subscribers, Dispatch…`);
  const { result: dispatch, payloads } = await measure("Dispatch", subscribers, []);
  const socketIo = await baseline("Socket.IO", subscribers, payloads);
  const floor = await baseline("Floor", subscribers, payloads);
  results.push({ subscribers, dispatch, socketIo, floor });
  console.log(`\n${table(dispatch, socketIo, floor)}\n`);
}

console.log(
  `Publish pattern: ${PLAN.singles} single posts ${PLAN.spacingMs} ms apart, then ${PLAN.burst} at once. ` +
    `Server on core ${SERVER_CORE ?? "any"}, subscribers and publisher on core ${CLIENT_CORE ?? "any"}` +
    `${HAS_TASKSET ? "" : " (taskset missing: not pinned)"}. Ratio = Dispatch / Socket.IO: lower is better. ` +
    "Floor: a bare server writing the same bytes to every socket in one loop, what this machine allows. " +
    `Load average at start ${loadAtStart[0]!.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}.`,
);
// A run without Socket.IO is for trying changes out; it does not replace the results.
if (!SKIP_BASELINE)
  await writeFile(
    path.join(import.meta.dirname, "..", "results", "fanout.json"),
    `${JSON.stringify({ at: new Date().toISOString(), plan: PLAN, loadAverage: { start: loadAtStart, end: loadavg() }, results }, null, 2)}\n`,
  );
process.exit(0);
