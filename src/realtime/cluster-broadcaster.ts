// Fan-out between the workers of one machine (`dispatch serve --workers N`) without Redis:
// each worker delivers its own changes at once and sends them to the primary process, which
// relays them to every other worker. Like Redis, the relay may drop a message when a worker
// dies; the hubs' gap detection reads the change log. The primary also sums the workers'
// live reader counts and sends the totals back.

import cluster from "node:cluster";
import type { Change } from "../core/change.js";
import type { DeskEvent } from "../core/desk.js";
import type { Broadcaster } from "../core/ports.js";
import { InProcessBroadcaster } from "./in-process-broadcaster.js";

type RelayMessage =
  | { dispatch: "change"; change: Change }
  | { dispatch: "desk"; event: DeskEvent }
  | { dispatch: "readers"; counts: Record<string, number> }
  | { dispatch: "reader-totals"; totals: Record<string, number> };

function isRelayMessage(value: unknown): value is RelayMessage {
  return typeof value === "object" && value !== null && "dispatch" in value;
}

/** Runs in the primary: relays workers' messages and sums their reader counts. */
export function relayBetweenWorkers(): () => void {
  const counts = new Map<number, Record<string, number>>();
  const onMessage = (worker: { id: number }, message: unknown) => {
    if (!isRelayMessage(message)) return;
    if (message.dispatch === "readers") {
      counts.set(worker.id, message.counts);
      return;
    }
    for (const other of Object.values(cluster.workers ?? {})) {
      if (other && other.id !== worker.id && other.isConnected()) other.send(message);
    }
  };
  cluster.on("message", onMessage);
  cluster.on("exit", (worker) => counts.delete(worker.id));
  const timer = setInterval(() => {
    const totals: Record<string, number> = {};
    for (const perWorker of counts.values()) {
      for (const [blogId, n] of Object.entries(perWorker))
        totals[blogId] = (totals[blogId] ?? 0) + n;
    }
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected())
        worker.send({ dispatch: "reader-totals", totals } satisfies RelayMessage);
    }
  }, 2000);
  timer.unref();
  return () => {
    clearInterval(timer);
    cluster.off("message", onMessage);
  };
}

/** Runs in a worker. */
export class ClusterBroadcaster implements Broadcaster {
  readonly #local = new InProcessBroadcaster();
  #totals: Record<string, number> = {};
  readonly #onMessage = (message: unknown) => {
    if (!isRelayMessage(message)) return;
    if (message.dispatch === "change") void this.#local.publish(message.change);
    else if (message.dispatch === "desk") void this.#local.publishDesk(message.event);
    else if (message.dispatch === "reader-totals") this.#totals = message.totals;
  };

  constructor() {
    process.on("message", this.#onMessage);
  }

  async publish(change: Change): Promise<void> {
    await this.#local.publish(change);
    this.#send({ dispatch: "change", change });
  }

  subscribe(listener: (change: Change) => void): () => void {
    return this.#local.subscribe(listener);
  }

  async publishDesk(event: DeskEvent): Promise<void> {
    await this.#local.publishDesk(event);
    this.#send({ dispatch: "desk", event });
  }

  subscribeDesk(listener: (event: DeskEvent) => void): () => void {
    return this.#local.subscribeDesk(listener);
  }

  reportReaders(counts: Map<string, number>): void {
    this.#send({ dispatch: "readers", counts: Object.fromEntries(counts) });
  }

  /** Readers across all workers, as the primary last summed them (a couple of seconds old). */
  readersAcrossWorkers(blogId: string): number {
    return this.#totals[blogId] ?? 0;
  }

  async close(): Promise<void> {
    process.off("message", this.#onMessage);
    await this.#local.close();
  }

  #send(message: RelayMessage): void {
    if (process.connected) process.send?.(message);
  }
}
