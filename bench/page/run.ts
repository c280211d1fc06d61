// bench:page: requests per second and latency for a 500-post live blog's reader page served by
// the real Dispatch (SQLite, the page cached in memory per change sequence, with ETags),
// against a baseline measured in the same run: nginx serving the very same bytes as a static
// file, and a floor: a bare Node.js HTTP server sending the same bytes from memory. Same load
// generator (wrk), same connections, same core pinning. No side compresses: a CDN in front
// would. Prints tables and writes bench/results/page.json.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { has, type IpcMessage, spawnScript } from "../support/processes.js";
import { startNginx } from "./nginx.js";
import { type WrkResult, wrk } from "./wrk.js";

const missing = ["nginx", "wrk"].filter((tool) => !has(tool));
if (missing.length > 0) {
  console.error(
    `bench:page needs ${missing.join(" and ")} (Debian packages: apt-get install nginx wrk)`,
  );
  process.exit(1);
}

const POSTS = 500;
const LOAD = {
  connections: Number(process.env.PAGE_CONNECTIONS ?? 64),
  seconds: Number(process.env.PAGE_SECONDS ?? 5),
};
/** Rounds alternate the two servers, so a neighbour's burst of CPU hits both alike. */
const ROUNDS = Number(process.env.PAGE_ROUNDS ?? 5);
const WARM_UP = { connections: LOAD.connections, seconds: 3 };
const [SERVER_CORE, LOAD_CORE] = availableParallelism() >= 2 ? [0, 1] : [null, null];
setTimeout(() => {
  console.error("bench:page: gave up after 8 minutes");
  process.exit(1);
}, 8 * 60_000).unref();

const header = (response: Response, name: string) => {
  const value = response.headers.get(name);
  if (!value) throw new Error(`${response.url} answered without ${name}`);
  return value;
};

interface Target {
  url: string;
  etag: string;
}

/** Full page (200) and revalidation (If-None-Match, 304): what browsers and a CDN ask for. */
const KINDS = {
  full: (t: Target) => wrk(LOAD_CORE, t.url, LOAD),
  revalidate: (t: Target) =>
    wrk(LOAD_CORE, t.url, { ...LOAD, headers: [`If-None-Match: ${t.etag}`] }),
};
type Kind = keyof typeof KINDS;
type Runs = Record<Kind, WrkResult[]>;

console.error(`bench:page: seeding ${POSTS} posts into Dispatch…`);
const server = spawnScript("support/dispatch-server.ts", {
  core: SERVER_CORE,
  env: { BENCH_POSTS: String(POSTS) },
  // e.g. PAGE_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where it goes.
  nodeArgs: process.env.PAGE_SERVER_NODE_ARGS?.split(" ") ?? [],
});
const dir = await mkdtemp(path.join(tmpdir(), "dispatch-bench-nginx-"));
const runs = {
  dispatch: { full: [], revalidate: [] } as Runs,
  nginx: { full: [], revalidate: [] } as Runs,
  floor: { full: [], revalidate: [] } as Runs,
};
let page: Buffer;
let script: Buffer;
try {
  const ready = await server.next<IpcMessage & { url: string; slug: string }>("ready", 180_000);
  const route = `/live/${ready.slug}`;
  const response = await fetch(`${ready.url}${route}`);
  page = Buffer.from(await response.arrayBuffer());
  const dispatch: Target = { url: `${ready.url}${route}`, etag: header(response, "etag") };
  const scriptPath = /<script src="([^"]+)"/.exec(page.toString("utf8"))?.[1];
  script = Buffer.from(await (await fetch(`${ready.url}${scriptPath}`)).arrayBuffer());

  const running = await startNginx(SERVER_CORE, dir, route, page);
  const pageFile = path.join(dir, "floor-page.html");
  await writeFile(pageFile, page);
  const floorServer = spawnScript("page/floor-server.ts", {
    core: SERVER_CORE,
    args: [pageFile, dispatch.etag],
  });
  try {
    const answer = await fetch(running.url);
    const served = Buffer.from(await answer.arrayBuffer());
    if (!served.equals(page)) throw new Error("nginx does not serve the same bytes as Dispatch");
    const nginx: Target = { url: running.url, etag: header(answer, "etag") };
    const floorUrl = (await floorServer.next<IpcMessage & { url: string }>("ready", 30_000)).url;
    const floor: Target = { url: floorUrl, etag: dispatch.etag };
    const targets = { dispatch, nginx, floor };
    for (const target of Object.values(targets)) await wrk(LOAD_CORE, target.url, WARM_UP);
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench:page: round ${round} of ${ROUNDS}…`);
      for (const kind of Object.keys(KINDS) as Kind[]) {
        for (const name of ["dispatch", "nginx", "floor"] as const) {
          runs[name][kind].push(await KINDS[kind](targets[name]));
        }
      }
    }
  } finally {
    await floorServer.stop();
    await running.stop();
  }
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const summarize = (results: WrkResult[]): WrkResult => ({
  requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
  p50Ms: median(results.map((r) => r.p50Ms)),
  p99Ms: median(results.map((r) => r.p99Ms)),
  requests: results.reduce((sum, r) => sum + r.requests, 0),
  errors: results.reduce((sum, r) => sum + r.errors, 0),
});
const dispatch = {
  full: summarize(runs.dispatch.full),
  revalidate: summarize(runs.dispatch.revalidate),
};
const nginx = { full: summarize(runs.nginx.full), revalidate: summarize(runs.nginx.revalidate) };
const floor = { full: summarize(runs.floor.full), revalidate: summarize(runs.floor.revalidate) };

const posts = page.toString("utf8").match(/<article id="post-/g)?.length ?? 0;
const fmtRate = (v: number) => `${Math.round(v).toLocaleString("en-US")} req/s`;
const fmtMs = (v: number) => `${v.toFixed(2)} ms`;
const lines = [
  `| reader page, ${POSTS}-post blog (${(page.length / 1024).toFixed(1)} KB, uncompressed) | Dispatch | nginx (static file) | ratio | target | floor (bare Node) | floor ratio |`,
  "| --- | ---: | ---: | ---: | --- | ---: | ---: |",
];
const rows: [string, (w: WrkResult) => number, (v: number) => string, string][] = [
  ["requests/s", (w) => w.requestsPerSecond, fmtRate, "≥ 0.5×"],
  ["latency p50", (w) => w.p50Ms, fmtMs, ""],
  ["latency p99", (w) => w.p99Ms, fmtMs, ""],
];
for (const [kind, label] of [
  ["full", "200"],
  ["revalidate", "304 (If-None-Match)"],
] as const) {
  for (const [name, get, format, target] of rows) {
    const d = get(dispatch[kind]);
    const n = get(nginx[kind]);
    const f = get(floor[kind]);
    const t = kind === "full" ? target : "";
    lines.push(
      `| ${label}: ${name} | ${format(d)} | ${format(n)} | ${(d / n).toFixed(2)}× | ${t} | ${format(f)} | ${(f / n).toFixed(2)}× |`,
    );
  }
}
const errors = [dispatch, nginx, floor].reduce(
  (sum, r) => sum + r.full.errors + r.revalidate.errors,
  0,
);
console.log(`\n${lines.join("\n")}\n`);
console.log(
  `Medians of ${ROUNDS} rounds of wrk -t1 -c${LOAD.connections} -d${LOAD.seconds}s, the three servers alternating, ` +
    `after a ${WARM_UP.seconds} s warm-up each; all servers on core ` +
    `${SERVER_CORE ?? "any"}, wrk on core ${LOAD_CORE ?? "any"}; no Accept-Encoding, so no side compresses. ` +
    "Floor: a bare Node.js HTTP server sending the same bytes from memory; floor ratio = floor / nginx. " +
    `Errors (non-2xx/3xx, socket errors): ${errors}. Load average at the end: ${loadavg()[0]!.toFixed(1)}.`,
);

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const weight = [
  { item: `reader page, first page (${posts} posts, HTML)`, raw: page.length, gzipped: gz(page) },
  { item: "reader script live.js", raw: script.length, gzipped: gz(script) },
];
console.log("\n| what a reader downloads | raw | gzipped |\n| --- | ---: | ---: |");
for (const row of weight) console.log(`| ${row.item} | ${kb(row.raw)} | ${kb(row.gzipped)} |`);

await writeFile(
  path.join(import.meta.dirname, "..", "results", "page.json"),
  `${JSON.stringify({ at: new Date().toISOString(), posts: POSTS, load: LOAD, rounds: ROUNDS, dispatch, nginx, floor, runs, weight, loadAverage: loadavg() }, null, 2)}\n`,
);
process.exit(0);
