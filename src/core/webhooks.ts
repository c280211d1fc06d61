// Webhooks as the newsroom sees them: endpoints an admin registers (where, for which blogs
// and which kinds of news), the news a committed change makes (`post.published`, …), and each
// delivery of that news to one endpoint, queued in the database with the change itself and
// sent later by a delivery worker (src/webhooks/). Nothing here knows of HTTP or sockets.

import { randomBytes } from "node:crypto";

export const WEBHOOK_EVENT_TYPES = [
  "post.published",
  "post.updated",
  "post.deleted",
  "blog.opened",
  "blog.closed",
  "blog.updated",
  "figures.updated",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** The blogs (ids) whose news is sent; null: every blog, also those made later. */
  blogIds: string[] | null;
  events: WebhookEventType[];
  enabled: boolean;
  /** `whsec_` + base64 of the signing key (Standard Webhooks). */
  secret: string;
  createdAt: string;
  updatedAt: string;
}

/** News a committed change makes, about a blog and maybe one of its posts. */
export interface WebhookNews {
  type: WebhookEventType;
  blogId: string;
  postId: string | null;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One piece of news on its way to one endpoint; its id is the `webhook-id` of every attempt. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  type: WebhookEventType;
  blogId: string;
  postId: string | null;
  /** When the news was made (the change's time): the body's `timestamp`. */
  createdAt: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  /** The first attempt of the current series: retries stop 24 h after it. */
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The endpoint's HTTP answer to the last attempt; null when it never answered. */
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** A new signing secret: 32 random bytes, as the Standard Webhooks format writes them. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Whether an endpoint wants this news. */
export function wants(endpoint: WebhookEndpoint, news: WebhookNews): boolean {
  return (
    endpoint.enabled &&
    endpoint.events.includes(news.type) &&
    (endpoint.blogIds === null || endpoint.blogIds.includes(news.blogId))
  );
}
