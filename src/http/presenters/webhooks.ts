// Webhook endpoints and their deliveries as admins see them: never an endpoint's secret.

import type { WebhookEndpointView } from "../../core/operations/webhooks.js";
import type { WebhookDelivery, WebhookEventType } from "../../core/webhooks.js";

export interface WebhookEndpointJson {
  id: string;
  url: string;
  description: string;
  blogs: "all" | string[];
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint as admins see it: never its secret (answered once, beside this, when made). */
export function presentWebhookEndpoint({
  endpoint,
  blogs,
}: WebhookEndpointView): WebhookEndpointJson {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    blogs,
    events: endpoint.events,
    enabled: endpoint.enabled,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export function presentWebhookDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: delivery.createdAt,
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    deliveredAt: delivery.deliveredAt,
    ...(delivery.postId ? { postId: delivery.postId } : {}),
  };
}
