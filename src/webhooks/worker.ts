// The delivery worker each serving process runs: it claims due deliveries from the queue in
// the database under a lease (the leased pump, outbound/leased-pump.ts), sends a few at a
// time (no more than two for any one endpoint, so one that hangs cannot hold up the others)
// with a time limit each, and writes back the outcome: delivered on a 2xx, otherwise
// tried again later (retry.ts) until 24 h have passed. It wakes on every change any node
// broadcasts and polls every second besides; publishing never waits for it.

import type { Clock } from "../core/clock.js";
import type { Store, WebhookAttemptRecord } from "../core/ports.js";
import type { WebhookDelivery } from "../core/webhooks.js";
import { FetchProblem, type GuardedFetcher } from "../outbound/guarded-fetch.js";
import { LeasedPump } from "../outbound/leased-pump.js";
import { deliveryBody, type WebhookPresenters } from "./payload.js";
import { RETRY_WINDOW_MS, retryDelayMs } from "./retry.js";
import { webhookHeaders } from "./signing.js";

export interface DeliveryWorkerOptions {
  store: Store;
  clock: Clock;
  fetcher: GuardedFetcher;
  present: WebhookPresenters;
  /** The first retry step (WEBHOOK_RETRY_BASE_MS); later steps are multiples of it. */
  retryBaseMs: number;
  /** Told how each attempt ended (the metrics). */
  onAttempt?(outcome: "delivered" | "retrying" | "failed"): void;
  onError?(error: unknown): void;
  pollMs?: number;
  /** Attempts in flight at once on this process. */
  concurrency?: number;
  timeoutMs?: number;
}

/** Kept past the attempt's own time limit, so a live worker never loses its lease mid-send. */
const LEASE_MS = 60_000;
const DELIVERED_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
const FAILED_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** A slow endpoint may hold this many of a process's senders, and leave the rest to others. */
const PER_ENDPOINT = 2;
/** Enough of an answer's body to show why it failed. */
const ANSWER_BYTES = 4096;

export class DeliveryWorker {
  readonly #o: DeliveryWorkerOptions;
  readonly #pump: LeasedPump<WebhookDelivery>;
  /** Attempts in flight per endpoint. */
  readonly #busy = new Map<string, number>();
  #prunedAt = 0;

  constructor(options: DeliveryWorkerOptions) {
    this.#o = options;
    this.#pump = new LeasedPump({
      clock: options.clock,
      leaseMs: LEASE_MS,
      concurrency: options.concurrency ?? 8,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      beforeClaims: () => this.#prune(),
      claim: (owner, now, leaseUntil, limit) =>
        options.store.claimWebhookDeliveries(
          owner,
          now.toISOString(),
          leaseUntil.toISOString(),
          limit,
          [...this.#busy].filter(([, n]) => n >= PER_ENDPOINT).map(([id]) => id),
        ),
      send: (batch) => batch.map((delivery) => this.#send(delivery)),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#pump.start();
  }

  /** Looks for due deliveries now (after a commit, or a "send again"). */
  wake(): void {
    this.#pump.wake();
  }

  /** Stops taking deliveries; those in flight are left to their leases. */
  close(): void {
    this.#pump.close();
  }

  async #send(delivery: WebhookDelivery): Promise<void> {
    const endpointId = delivery.endpointId;
    this.#busy.set(endpointId, (this.#busy.get(endpointId) ?? 0) + 1);
    try {
      await this.#attempt(delivery);
    } finally {
      const left = (this.#busy.get(endpointId) ?? 1) - 1;
      if (left > 0) this.#busy.set(endpointId, left);
      else this.#busy.delete(endpointId);
    }
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    const { store, clock } = this.#o;
    const endpoint = await store.findWebhookEndpoint(delivery.endpointId);
    const startedAt = clock.now();
    const at = startedAt.toISOString();
    const attempts = delivery.attempts + 1;
    const firstAttemptAt = delivery.firstAttemptAt ?? at;
    let status: number | null = null;
    let error: string | null = null;
    if (!endpoint?.enabled) {
      error = "The endpoint was disabled before this was sent";
    } else {
      const body = await deliveryBody(store, this.#o.present, delivery);
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      try {
        const answer = await this.#o.fetcher.post(endpoint.url, {
          body,
          headers: webhookHeaders(endpoint.secret, delivery.id, timestamp, body),
          maxBytes: ANSWER_BYTES,
          timeoutMs: this.#o.timeoutMs ?? 10_000,
        });
        status = answer.status;
        if (status < 200 || status >= 300) {
          error =
            status >= 300 && status < 400
              ? `Answered ${status}: redirects are not followed`
              : `Answered ${status}`;
        }
      } catch (problem) {
        error = problem instanceof FetchProblem ? problem.message : String(problem);
      }
    }
    const doneAt = clock.now().getTime();
    let outcome: WebhookAttemptRecord;
    if (error === null) {
      outcome = { ...base(), status: "delivered", deliveredAt: new Date(doneAt).toISOString() };
    } else {
      const next = doneAt + retryDelayMs(attempts, this.#o.retryBaseMs);
      const givenUp = !endpoint?.enabled || next > Date.parse(firstAttemptAt) + RETRY_WINDOW_MS;
      outcome = {
        ...base(),
        status: givenUp ? "failed" : "pending",
        nextAttemptAt: new Date(givenUp ? doneAt : next).toISOString(),
      };
    }
    await store.finishWebhookAttempt(delivery.id, this.#pump.owner, outcome);
    this.#o.onAttempt?.(
      outcome.status === "delivered"
        ? "delivered"
        : outcome.status === "failed"
          ? "failed"
          : "retrying",
    );

    function base(): WebhookAttemptRecord {
      return {
        status: "pending",
        attempts,
        nextAttemptAt: delivery.nextAttemptAt,
        firstAttemptAt,
        lastAttemptAt: at,
        lastStatus: status,
        lastError: error,
        deliveredAt: null,
      };
    }
  }

  async #prune(): Promise<void> {
    const now = this.#o.clock.now().getTime();
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    await this.#o.store.pruneWebhookDeliveries(
      new Date(now - DELIVERED_KEPT_MS).toISOString(),
      new Date(now - FAILED_KEPT_MS).toISOString(),
    );
  }
}
