// The SqlStore's part for what goes out: webhook endpoints with their delivery queue, and
// readers' alert subscriptions with theirs, each claimed under a lease. The queries live in
// ../webhooks.ts and ../alerts.ts.

import type { AlertDelivery, AlertSubscription } from "../../../core/alerts.js";
import type { AlertStore, WebhookAttemptRecord, WebhookStore } from "../../../core/ports.js";
import type { WebhookDelivery, WebhookEndpoint, WebhookNews } from "../../../core/webhooks.js";
import * as alerts from "../alerts.js";
import * as webhooks from "../webhooks.js";
import type { SqlPart } from "./scope.js";

export function withDeliveries<Base extends SqlPart>(base: Base) {
  return class DeliveriesPart extends base implements WebhookStore, AlertStore {
    insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
      return webhooks.insertEndpoint(this.db, endpoint);
    }

    updateWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
      return webhooks.updateEndpoint(this.db, endpoint);
    }

    deleteWebhookEndpoint(id: string): Promise<boolean> {
      return this.inTransaction((db) => webhooks.deleteEndpoint(db, id));
    }

    findWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
      return webhooks.findEndpoint(this.db, id);
    }

    listWebhookEndpoints(): Promise<WebhookEndpoint[]> {
      return webhooks.listEndpoints(this.db);
    }

    enqueueWebhookNews(news: readonly WebhookNews[], at: string): Promise<number> {
      return webhooks.enqueueNews(this.db, news, at);
    }

    listWebhookDeliveries(
      endpointId: string,
      page: { before?: string; limit: number },
    ): Promise<WebhookDelivery[]> {
      return webhooks.listDeliveries(this.db, endpointId, page);
    }

    findWebhookDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
      return webhooks.findDelivery(this.db, endpointId, id);
    }

    resendWebhookDelivery(endpointId: string, id: string, at: string): Promise<boolean> {
      return webhooks.resendDelivery(this.db, endpointId, id, at);
    }

    claimWebhookDeliveries(
      owner: string,
      now: string,
      leaseUntil: string,
      limit: number,
      skipEndpoints: readonly string[] = [],
    ): Promise<WebhookDelivery[]> {
      return webhooks.claimDeliveries(this.db, this.capabilities, {
        owner,
        now,
        leaseUntil,
        limit,
        skipEndpoints,
      });
    }

    finishWebhookAttempt(
      id: string,
      owner: string,
      outcome: WebhookAttemptRecord,
    ): Promise<boolean> {
      return webhooks.finishAttempt(this.db, id, owner, outcome);
    }

    pruneWebhookDeliveries(deliveredBefore: string, failedBefore: string): Promise<number> {
      return webhooks.pruneDeliveries(this.db, deliveredBefore, failedBefore);
    }

    saveAlertSubscription(subscription: AlertSubscription): Promise<void> {
      return alerts.saveSubscription(this.db, subscription);
    }

    deleteAlertSubscriptionByEndpoint(blogId: string, endpoint: string): Promise<boolean> {
      return alerts.deleteSubscriptionByEndpoint(this.db, blogId, endpoint);
    }

    deleteAlertSubscription(id: string): Promise<void> {
      return alerts.deleteSubscription(this.db, id);
    }

    countAlertSubscriptions(blogId: string): Promise<number> {
      return alerts.countSubscriptions(this.db, blogId);
    }

    queueAlerts(posts: readonly { blogId: string; postId: string }[], at: string): Promise<void> {
      return alerts.queueAlerts(this.db, posts, at);
    }

    fanOutAlerts(now: string, limit: number): Promise<number> {
      return alerts.fanOutAlerts(this.db, now, limit);
    }

    claimAlertDeliveries(
      owner: string,
      now: string,
      leaseUntil: string,
      limit: number,
    ): Promise<AlertDelivery[]> {
      return alerts.claimDeliveries(this.db, this.capabilities, { owner, now, leaseUntil, limit });
    }

    finishAlertDelivery(id: string, owner: string): Promise<void> {
      return alerts.finishDelivery(this.db, id, owner);
    }

    retryAlertDelivery(
      id: string,
      owner: string,
      retry: { attempts: number; nextAttemptAt: string; error: string },
    ): Promise<void> {
      return alerts.retryDelivery(this.db, id, owner, retry);
    }
  };
}
