// What the core asks of the store about webhooks (core/webhooks.ts).

import type { WebhookDelivery, WebhookEndpoint, WebhookNews } from "../webhooks.js";

/** How an attempt at a delivery ended, as the worker writes it back. */
export type WebhookAttemptRecord = Pick<
  WebhookDelivery,
  | "status"
  | "attempts"
  | "nextAttemptAt"
  | "firstAttemptAt"
  | "lastAttemptAt"
  | "lastStatus"
  | "lastError"
  | "deliveredAt"
>;

/** Webhook endpoints and their durable delivery queue (operations/webhooks.ts, src/webhooks/). */
export interface WebhookStore {
  insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  updateWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Deletes the endpoint and its deliveries; false when there was none. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  findWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Oldest first. */
  listWebhookEndpoints(): Promise<WebhookEndpoint[]>;
  /**
   * Queues a delivery of each piece of news to every enabled endpoint that wants it. Call
   * inside the transaction of the change that made the news; returns how many were queued.
   */
  enqueueWebhookNews(news: readonly WebhookNews[], at: string): Promise<number>;
  /** Newest first; `before` is the id of the last delivery of the previous page. */
  listWebhookDeliveries(
    endpointId: string,
    page: { before?: string; limit: number },
  ): Promise<WebhookDelivery[]>;
  findWebhookDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined>;
  /** Puts a delivery back in the queue, due now, for a new 24 h series of attempts. */
  resendWebhookDelivery(endpointId: string, id: string, at: string): Promise<boolean>;
  /**
   * Takes up to `limit` due deliveries for `owner` until `leaseUntil`: none that another
   * worker holds under an unexpired lease, and none twice, across every node; none for the
   * endpoints in `skipEndpoints` (those this worker is busy with already).
   */
  claimWebhookDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
    skipEndpoints?: readonly string[],
  ): Promise<WebhookDelivery[]>;
  /** Writes an attempt's outcome and frees the lease, if `owner` still holds it. */
  finishWebhookAttempt(id: string, owner: string, outcome: WebhookAttemptRecord): Promise<boolean>;
  /** Forgets delivered deliveries older than `deliveredBefore`, failed ones before `failedBefore`. */
  pruneWebhookDeliveries(deliveredBefore: string, failedBefore: string): Promise<number>;
}
