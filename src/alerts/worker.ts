// The alert worker each serving process runs. It fans each queued alert out into one delivery
// per subscriber (sql/alerts.ts: idempotent, whichever node does it), then claims due
// deliveries under a lease (outbound/leased-pump.ts: so on three nodes each subscriber is
// sent each alert by one of them), encrypts the message for the subscriber's browser
// (encryption.ts), signs the request (vapid.ts) and posts it to the push service through the
// guarded fetcher, so a push address on a private network is never contacted unless the
// operator allows it. A post deleted or no longer a key event by then is not sent; a 404 or
// 410 means the browser unsubscribed, and the subscription is forgotten; 429 and 5xx are
// tried again a few times with growing waits.

import { type AlertDelivery, alertsReaders } from "../core/alerts.js";
import type { Clock } from "../core/clock.js";
import type { Store } from "../core/ports.js";
import { FetchProblem, type GuardedFetcher } from "../outbound/guarded-fetch.js";
import { LeasedPump } from "../outbound/leased-pump.js";
import { encryptPushMessage } from "./encryption.js";
import { type AlertMessage, alertMessage } from "./message.js";
import { type VapidKeyring, vapidAuthorization } from "./vapid.js";

export interface AlertWorkerOptions {
  store: Store;
  clock: Clock;
  fetcher: GuardedFetcher;
  keyring: VapidKeyring;
  /** ALERTS_CONTACT: the VAPID `sub`, how a push service reaches the operator. */
  contact?: string;
  publicUrl?: string;
  /** The first wait before a failed push is tried again; each later one doubles. */
  retryBaseMs?: number;
  /** Told how each push ended (logs, metrics). */
  onSent?(outcome: "sent" | "expired" | "retrying" | "failed" | "skipped"): void;
  onError?(error: unknown): void;
  pollMs?: number;
  concurrency?: number;
  timeoutMs?: number;
}

const LEASE_MS = 60_000;
/** Tries in all before a push is given up (a key event is old news a few hours on). */
export const MAX_ATTEMPTS = 6;
/** How long the push service keeps a message for a browser that is offline. */
const TTL_SECONDS = 6 * 60 * 60;
const ANSWER_BYTES = 2048;

export class AlertWorker {
  readonly #o: AlertWorkerOptions;
  readonly #pump: LeasedPump<AlertDelivery>;

  constructor(options: AlertWorkerOptions) {
    this.#o = options;
    this.#pump = new LeasedPump({
      clock: options.clock,
      leaseMs: LEASE_MS,
      concurrency: options.concurrency ?? 16,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      beforeClaims: () => this.#fanOut(),
      claim: (owner, now, leaseUntil, limit) =>
        options.store.claimAlertDeliveries(
          owner,
          now.toISOString(),
          leaseUntil.toISOString(),
          limit,
        ),
      send: (batch) => this.#send(batch),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  start(): void {
    this.#pump.start();
  }

  /** Looks for alerts to send now (after a change any node broadcast). */
  wake(): void {
    this.#pump.wake();
  }

  /** Stops taking deliveries; those in flight are left to their leases. */
  close(): void {
    this.#pump.close();
  }

  async #fanOut(): Promise<void> {
    const { store, clock } = this.#o;
    while (!this.#pump.closed && (await store.fanOutAlerts(clock.now().toISOString(), 10)) > 0) {
      // Until every waiting alert has its deliveries.
    }
  }

  #send(batch: AlertDelivery[]): Promise<void>[] {
    // Each post read once per batch, as it stands now: deleted since is not sent.
    const messages = new Map<string, Promise<AlertMessage | null>>();
    for (const delivery of batch) {
      if (!messages.has(delivery.postId)) {
        messages.set(delivery.postId, this.#message(delivery.postId));
      }
    }
    return batch.map((delivery) =>
      this.#attempt(delivery, messages.get(delivery.postId) ?? Promise.resolve(null)),
    );
  }

  async #message(postId: string): Promise<AlertMessage | null> {
    const post = await this.#o.store.findPostAnywhere(postId);
    if (!post || !alertsReaders(post)) return null;
    const blog = await this.#o.store.findBlogById(post.blogId);
    return blog ? alertMessage(blog, post, this.#o.publicUrl) : null;
  }

  async #attempt(delivery: AlertDelivery, message: Promise<AlertMessage | null>): Promise<void> {
    const { store, clock } = this.#o;
    const said = await message;
    if (!said) {
      await store.finishAlertDelivery(delivery.id, this.#pump.owner);
      this.#o.onSent?.("skipped");
      return;
    }
    const { subscription } = delivery;
    const keys = await this.#o.keyring.keys();
    const body = encryptPushMessage(Buffer.from(JSON.stringify(said)), subscription);
    let status: number | null = null;
    let problem: FetchProblem | null = null;
    try {
      const answer = await this.#o.fetcher.post(subscription.endpoint, {
        body,
        headers: {
          authorization: vapidAuthorization(
            keys,
            subscription.endpoint,
            clock.now().getTime(),
            this.#o.contact,
          ),
          "content-encoding": "aes128gcm",
          "content-type": "application/octet-stream",
          ttl: String(TTL_SECONDS),
          urgency: "high",
        },
        maxBytes: ANSWER_BYTES,
        timeoutMs: this.#o.timeoutMs ?? 10_000,
      });
      status = answer.status;
    } catch (error) {
      if (!(error instanceof FetchProblem)) throw error;
      problem = error;
    }
    if (status !== null && status >= 200 && status < 300) {
      await store.finishAlertDelivery(delivery.id, this.#pump.owner);
      this.#o.onSent?.("sent");
      return;
    }
    if (status === 404 || status === 410) {
      // The browser unsubscribed or its subscription expired: it will never be reachable again.
      await store.deleteAlertSubscription(subscription.id);
      this.#o.onSent?.("expired");
      return;
    }
    const attempts = delivery.attempts + 1;
    const worthRetrying =
      (problem !== null && problem.reason === "failed") ||
      status === 429 ||
      (status !== null && status >= 500);
    if (!worthRetrying || attempts >= MAX_ATTEMPTS) {
      // Refused addresses and the push service's other refusals (400, 401, 403, 413) would
      // fail the same way again.
      await store.finishAlertDelivery(delivery.id, this.#pump.owner);
      this.#o.onSent?.("failed");
      return;
    }
    const base = this.#o.retryBaseMs ?? 5000;
    const wait = base * 2 ** (attempts - 1);
    await store.retryAlertDelivery(delivery.id, this.#pump.owner, {
      attempts,
      nextAttemptAt: new Date(clock.now().getTime() + wait).toISOString(),
      error: problem ? problem.message : `Answered ${status}`,
    });
    this.#o.onSent?.("retrying");
  }
}
