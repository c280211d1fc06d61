// `dispatch serve --workers N`: one machine's cores. The primary migrates (and seeds the demo)
// once, then forks N workers that share the port; it relays live changes between them (see
// realtime/cluster-broadcaster.ts), restarts a worker that dies, and stops them all on SIGTERM.

import cluster from "node:cluster";
import type { Config } from "../config/index.js";
import { systemClock } from "../core/clock.js";
import { openNewsroomStore } from "../main.js";
import { gatherMetricsAcrossWorkers } from "../metrics/worker-metrics.js";
import { blockWordsFor } from "../reader/i18n/block-words.js";
import { relayBetweenWorkers } from "../realtime/cluster-broadcaster.js";
import { InProcessBroadcaster } from "../realtime/in-process-broadcaster.js";
import { type DemoResult, seedDemo } from "./demo.js";

export const LISTENING = "dispatch:listening";

/** Runs in the primary; resolves with the address once every worker accepts connections. */
export async function startWorkers(
  config: Config,
  workers: number,
  demo: boolean,
): Promise<{ url: string; demo: DemoResult | null }> {
  const store = await openNewsroomStore(config);
  let seeded: DemoResult | null = null;
  try {
    await store.migrate();
    if (demo) {
      const broadcaster = new InProcessBroadcaster();
      seeded = await seedDemo(
        { store, broadcaster, clock: systemClock, blockWords: blockWordsFor },
        config.dataDir,
      );
      await broadcaster.close();
    }
  } finally {
    await store.close();
  }

  relayBetweenWorkers();
  gatherMetricsAcrossWorkers();
  let stopping = false;
  const fork = () => cluster.fork({ DISPATCH_WORKER: "1" });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const url = await new Promise<string>((resolve) => {
    let listening = 0;
    cluster.on("message", (_worker, message: unknown) => {
      const m = message as { dispatch?: string; url?: string };
      if (m.dispatch === LISTENING && m.url && ++listening === workers) resolve(m.url);
    });
    for (let i = 0; i < workers; i++) fork();
  });
  return { url, demo: seeded };
}
