// /metrics under `dispatch serve --workers N`. The kernel hands a scrape to any one worker,
// and one worker's figures alone would jump between scrapes (readers, publishes and memory
// are each worker's own). The worker that takes the scrape asks the primary, the primary asks
// every worker for its families, and the answer holds all of them, each line labelled with
// its worker (`worker="2"`), so `sum by (blog)` gives the machine's readers.

import cluster, { type Worker } from "node:cluster";
import type { FlatFamily } from "./exposition.js";

/** A worker gives up waiting for the others after this long and answers with its own. */
const GATHER_TIMEOUT_MS = 2000;

type MetricsMessage =
  | { metrics: "ask"; ask: number }
  | { metrics: "collect"; round: string }
  | { metrics: "families"; round: string; families: FlatFamily[] }
  | {
      metrics: "gathered";
      ask: number;
      workers: { name: string; families: FlatFamily[] }[];
    };

function isMetricsMessage(value: unknown): value is MetricsMessage {
  return typeof value === "object" && value !== null && "metrics" in value;
}

/** Runs in the primary: answers a worker's ask with every worker's families. */
export function gatherMetricsAcrossWorkers(): () => void {
  let rounds = 0;
  const open = new Map<
    string,
    { asker: Worker; ask: number; waiting: Set<number>; got: Map<number, FlatFamily[]> }
  >();
  const finish = (round: string) => {
    const state = open.get(round);
    if (!state) return;
    open.delete(round);
    const workers = [...state.got].map(([id, families]) => ({ name: String(id), families }));
    if (state.asker.isConnected()) {
      state.asker.send({ metrics: "gathered", ask: state.ask, workers } satisfies MetricsMessage);
    }
  };
  const onMessage = (worker: Worker, message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.metrics === "ask") {
      const round = `${++rounds}`;
      const live = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
      open.set(round, {
        asker: worker,
        ask: message.ask,
        waiting: new Set(live.map((w) => w!.id)),
        got: new Map(),
      });
      for (const w of live) w!.send({ metrics: "collect", round } satisfies MetricsMessage);
      setTimeout(() => finish(round), GATHER_TIMEOUT_MS).unref();
    } else if (message.metrics === "families") {
      const state = open.get(message.round);
      if (!state) return;
      state.got.set(worker.id, message.families);
      state.waiting.delete(worker.id);
      if (state.waiting.size === 0) finish(message.round);
    }
  };
  const onExit = (worker: Worker) => {
    for (const [round, state] of open) {
      if (state.waiting.delete(worker.id) && state.waiting.size === 0) finish(round);
    }
  };
  cluster.on("message", onMessage);
  cluster.on("exit", onExit);
  return () => {
    cluster.off("message", onMessage);
    cluster.off("exit", onExit);
  };
}

/** Runs in a worker: gives its families when asked, and gathers everyone's for a scrape. */
export class WorkerMetrics {
  readonly #local: () => Promise<FlatFamily[]>;
  readonly #waiting = new Map<
    number,
    (workers: { name: string; families: FlatFamily[] }[]) => void
  >();
  #asks = 0;
  readonly #onMessage = (message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.metrics === "collect") {
      this.#local().then(
        (families) => this.#send({ metrics: "families", round: message.round, families }),
        () => this.#send({ metrics: "families", round: message.round, families: [] }),
      );
    } else if (message.metrics === "gathered") {
      this.#waiting.get(message.ask)?.(message.workers);
    }
  };

  constructor(local: () => Promise<FlatFamily[]>) {
    this.#local = local;
    process.on("message", this.#onMessage);
  }

  /** Every worker's families by worker name; this worker's alone if the primary is silent. */
  async gather(): Promise<{ name: string; families: FlatFamily[] }[]> {
    const ask = ++this.#asks;
    const fromAll = new Promise<{ name: string; families: FlatFamily[] }[] | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), GATHER_TIMEOUT_MS + 500);
      this.#waiting.set(ask, (workers) => {
        clearTimeout(timer);
        resolve(workers);
      });
    });
    this.#send({ metrics: "ask", ask });
    const workers = await fromAll;
    this.#waiting.delete(ask);
    if (workers && workers.length > 0) return workers;
    return [{ name: String(cluster.worker?.id ?? 0), families: await this.#local() }];
  }

  close(): void {
    process.off("message", this.#onMessage);
  }

  #send(message: MetricsMessage): void {
    if (process.connected) process.send?.(message);
  }
}
