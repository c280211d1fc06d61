// What the core asks of the store about readers' alerts (core/alerts.ts).

import type { AlertDelivery, AlertSubscription } from "../alerts.js";

/** Readers' alert subscriptions and the alert queue (core/alerts.ts, src/alerts/). */
export interface AlertStore {
  /** Keeps a browser's subscription to a blog; the same endpoint again renews its keys. */
  saveAlertSubscription(subscription: AlertSubscription): Promise<void>;
  /** Forgets the blog's subscription at this endpoint (and its queued alerts); false if none. */
  deleteAlertSubscriptionByEndpoint(blogId: string, endpoint: string): Promise<boolean>;
  /** Forgets a subscription the push service says is gone. */
  deleteAlertSubscription(id: string): Promise<void>;
  countAlertSubscriptions(blogId: string): Promise<number>;
  /** Call inside the change's transaction: an alert per post, unless the post had one. */
  queueAlerts(posts: readonly { blogId: string; postId: string }[], at: string): Promise<void>;
  /** One delivery per subscriber of up to `limit` waiting alerts; how many alerts that was. */
  fanOutAlerts(now: string, limit: number): Promise<number>;
  /** Due deliveries no other worker holds, leased to `owner` until `leaseUntil`. */
  claimAlertDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<AlertDelivery[]>;
  /** Sent or given up: removed, if `owner` still holds it. */
  finishAlertDelivery(id: string, owner: string): Promise<void>;
  retryAlertDelivery(
    id: string,
    owner: string,
    retry: { attempts: number; nextAttemptAt: string; error: string },
  ): Promise<void>;
}
