// bench:soak: the live desk on a busy night, held for minutes. N readers stay connected while
// a post a second goes out and hundreds of readers a second leave and arrive; every delivery's
// lag is measured end to end (publisher's send → reader's arrival) and the server's memory is
// sampled throughout. Run by hand, never in `npm test`:
//   npm run bench:soak                       (10,000 readers, 500/s churn, 5 minutes)
//   npm run bench:soak -- --duration 60 --readers 2000
// Prints a table per window and a verdict, and writes bench/results/soak.json.

import { writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { benchPost } from "../support/posts.js";
import {
  type Child,
  HAS_TASKSET,
  type IpcMessage,
  ROOT,
  sleep,
  spawnScript,
} from "../support/processes.js";
import { LagHistogram } from "./lag.js";
import { soakOptions } from "./options.js";

interface WindowReport extends IpcMessage {
  lag: number[];
  open: number;
  deliveries: number;
  gaps: number;
  duplicates: number;
  resets: number;
  dropped: number;
  refused: number;
  churned: number;
  stallMs: number;
}

interface Row {
  label: string;
  readers: number;
  churned: number;
  posts: number;
  deliveries: number;
  maxMs: number;
  p99Ms: number;
  late: number;
  missed: number;
  dropped: number;
  rssMb: number;
  /** The server's JavaScript heap in use after a full collection. */
  heapMb: number;
  cpuPercent: number;
  /** The longest the reader processes' own event loops were held up. */
  readerStallMs: number;
  /** The machine's one-minute load average: other work competing for the cores. */
  load: number;
}

const options = soakOptions(process.argv.slice(2));
const now = () => performance.timeOrigin + performance.now();
const processes = Math.ceil(options.readers / options.perProcess);
// Server on one core, readers on the other, as bench:fanout does (when there are two).
const cores = HAS_TASKSET && availableParallelism() > 1;
// The whole run gives up by itself: connecting, the soak, and a few minutes of slack.
const deadline = setTimeout(
  () => {
    console.error("bench:soak: gave up (over time)");
    process.exit(2);
  },
  (options.duration + 600) * 1000,
);
deadline.unref();

console.log(
  `bench:soak: ${options.readers} readers in ${processes} processes, ${options.churn}/s churn, ${options.rate} post/s for ${options.duration} s`,
);
const server = spawnScript("support/dispatch-server.ts", {
  core: cores ? 0 : null,
  env: { BENCH_POSTS: "0" },
  // A full collection at each window's end tells retained memory from garbage not yet swept.
  nodeArgs: ["--expose-gc"],
});
const children: Child[] = [];
try {
  const ready = await server.next<IpcMessage & { url: string; slug: string; token: string }>(
    "ready",
    300_000,
  );
  const changes = await fetch(`${ready.url}/api/blogs/${ready.slug}/changes?since=0`);
  const startSeq = Number(((await changes.json()) as { last: number }).last);
  const connectStart = performance.now();
  for (let i = 0; i < processes; i++) {
    const share =
      Math.floor(options.readers / processes) + (i < options.readers % processes ? 1 : 0);
    const args = {
      url: ready.url,
      slug: ready.slug,
      readers: share,
      churn: (options.churn * share) / options.readers,
      sourcePrefix: `127.77.${i + 1}`,
      startSeq,
    };
    children.push(
      spawnScript("soak/readers.ts", { core: cores ? 1 : null, args: [JSON.stringify(args)] }),
    );
  }
  const connected = await Promise.all(
    children.map((c) => c.next<IpcMessage & { readers: number }>("connected", 300_000)),
  );
  console.log(
    `connected ${connected.reduce((n, c) => n + c.readers, 0)} readers in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`,
  );
  const broadcast = (message: IpcMessage) => {
    for (const child of children) child.send(message);
  };
  await Promise.all(children.map((c) => c.ask({ type: "churn" })));

  const rows: Row[] = [];
  let acked = 0;
  let postsInWindow = 0;
  let failures = 0;
  const total = new LagHistogram();
  let cpuBefore = ((await server.ask({ type: "usage" })) as IpcMessage & { cpuUs: number }).cpuUs;
  let windowStart = now();
  const closeWindow = async (label: string) => {
    const reports = await Promise.all(children.map((c) => c.ask<WindowReport>({ type: "window" })));
    const usage = (await server.ask({ type: "usage", gc: true })) as IpcMessage & {
      rss: number;
      heapUsed?: number;
      readers: number;
      cpuUs: number;
    };
    const lag = new LagHistogram();
    for (const report of reports) lag.add(new LagHistogram(report.lag));
    total.add(lag);
    const sum = (key: keyof WindowReport) => reports.reduce((n, r) => n + Number(r[key]), 0);
    const seconds = (now() - windowStart) / 1000;
    rows.push({
      label,
      readers: usage.readers,
      churned: sum("churned"),
      posts: postsInWindow,
      deliveries: sum("deliveries"),
      maxMs: lag.max,
      p99Ms: lag.quantile(0.99),
      late: lag.over(1000),
      missed: sum("gaps") + sum("duplicates") + sum("resets") + sum("refused"),
      dropped: sum("dropped"),
      rssMb: usage.rss / 2 ** 20,
      heapMb: (usage.heapUsed ?? Number.NaN) / 2 ** 20,
      cpuPercent: ((usage.cpuUs - cpuBefore) / 1e6 / seconds) * 100,
      readerStallMs: Math.max(...reports.map((r) => r.stallMs)),
      load: loadavg()[0] ?? 0,
    });
    cpuBefore = usage.cpuUs;
    windowStart = now();
    postsInWindow = 0;
    printRow(rows.at(-1) as Row);
  };

  printHeader();
  const headers = { authorization: `Bearer ${ready.token}`, "content-type": "application/json" };
  const start = now();
  const posts = Math.round(options.duration * options.rate);
  let nextWindow = start + options.window * 1000;
  for (let k = 1; k <= posts; k++) {
    const due = start + ((k - 1) * 1000) / options.rate;
    while (now() < due) {
      if (now() >= nextWindow) {
        await closeWindow(`${Math.round((nextWindow - start) / 1000)} s`);
        nextWindow += options.window * 1000;
      }
      await sleep(Math.min(50, due - now()));
    }
    const seq = startSeq + k;
    broadcast({ type: "sent", seq, at: now() });
    const answer = await fetch(`${ready.url}/api/blogs/${ready.slug}/posts`, {
      method: "POST",
      headers,
      body: JSON.stringify(benchPost(k)),
    });
    await answer.arrayBuffer();
    if (answer.status !== 201) failures += 1;
    acked += 1;
    postsInWindow += 1;
    broadcast({ type: "acked", seq });
  }
  await sleep(3000);
  await closeWindow("end +3 s");
  const finals = await Promise.all(
    children.map((c) =>
      c.ask<IpcMessage & { open: number; behind: number }>({
        type: "final",
        seq: startSeq + posts,
      }),
    ),
  );
  const behind = finals.reduce((n, f) => n + f.behind, 0);
  const open = finals.reduce((n, f) => n + f.open, 0);

  // Flat memory: nothing after the first minute (or the first window of a shorter run)
  // may stand more than 10 % above where that window ended.
  const settledAt = rows.findIndex(
    (_, i) => (i + 1) * options.window >= Math.min(60, options.duration / 2),
  );
  const base = rows[Math.max(0, settledAt)]?.rssMb ?? Number.NaN;
  const peak = Math.max(...rows.slice(Math.max(0, settledAt)).map((r) => r.rssMb));
  const growth = (peak / base - 1) * 100;
  const heapBase = rows[Math.max(0, settledAt)]?.heapMb ?? Number.NaN;
  const heapPeak = Math.max(...rows.slice(Math.max(0, settledAt)).map((r) => r.heapMb));
  const summary = {
    readers: options.readers,
    churnPerSecond: options.churn,
    posts: acked,
    failedPublishes: failures,
    deliveries: total.total,
    maxLagMs: total.max,
    p99LagMs: total.quantile(0.99),
    p50LagMs: total.quantile(0.5),
    lateDeliveries: total.over(1000),
    missed: rows.reduce((n, r) => n + r.missed, 0),
    behindAtEnd: behind,
    openAtEnd: open,
    rssGrowthPercent: growth,
    readerStallMs: Math.max(...rows.map((r) => r.readerStallMs)),
    maxLoad: Math.max(...rows.map((r) => r.load)),
  };
  console.log("");
  console.log(`| measure | value |\n|---|---:|`);
  console.log(`| readers (churn a second) | ${options.readers} (${options.churn}) |`);
  console.log(`| posts published (failed) | ${acked} (${failures}) |`);
  console.log(`| deliveries checked | ${total.total} |`);
  console.log(
    `| lag p50 / p99 / max | ${summary.p50LagMs} / ${summary.p99LagMs} / ${summary.maxLagMs} ms |`,
  );
  console.log(`| deliveries later than 1 s | ${summary.lateDeliveries} |`);
  console.log(`| missed, repeated or reset | ${summary.missed} |`);
  console.log(`| readers behind at the end (of ${open}) | ${behind} |`);
  const stall = summary.readerStallMs;
  console.log(
    `| reader processes' longest stall (load average up to) | ${stall.toFixed(0)} ms (${summary.maxLoad.toFixed(1)}) |`,
  );
  console.log(
    `| server RSS after ${rows[Math.max(0, settledAt)]?.label} → peak later | ${base.toFixed(0)} → ${peak.toFixed(0)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} %) |`,
  );
  console.log(
    `| server heap after GC, after ${rows[Math.max(0, settledAt)]?.label} → peak later | ${heapBase.toFixed(0)} → ${heapPeak.toFixed(0)} MB |`,
  );
  const onTime = summary.maxLagMs <= 1000 && summary.missed === 0 && behind === 0 && failures === 0;
  console.log(`\nnobody behind by more than a second: ${onTime ? "yes" : "NO"}`);
  console.log(`memory flat after the first minute (within 10 %): ${growth <= 10 ? "yes" : "NO"}`);
  if (stall > 250) {
    const load = summary.maxLoad.toFixed(1);
    console.log(
      `(the readers' own processes stalled up to ${stall.toFixed(0)} ms, load average up to ${load} on ${availableParallelism()} cores: lag that long is this machine's, not the server's; run again on a quiet machine)`,
    );
  }
  await writeFile(
    path.join(ROOT, "bench", "results", "soak.json"),
    `${JSON.stringify({ at: new Date().toISOString(), options, summary, rows }, null, 2)}\n`,
  );
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await server.stop();
}

function printHeader() {
  console.log(
    "\n| at | readers | left+arrived | posts | deliveries | max lag | p99 lag | > 1 s | missed | dropped | server RSS | heap after GC | server CPU | reader stall | load |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
}

function printRow(r: Row) {
  const ms = (v: number) => (Number.isNaN(v) ? "–" : `${v} ms`);
  console.log(
    `| ${r.label} | ${r.readers} | ${r.churned} | ${r.posts} | ${r.deliveries} | ${ms(r.maxMs)} | ${ms(r.p99Ms)} | ${r.late} | ${r.missed} | ${r.dropped} | ${r.rssMb.toFixed(0)} MB | ${r.heapMb.toFixed(0)} MB | ${r.cpuPercent.toFixed(0)} % | ${r.readerStallMs.toFixed(0)} ms | ${r.load.toFixed(1)} |`,
  );
}
