// Readers subscribing to a blog's key events and unsubscribing. Anonymous: a subscription is a
// browser's push address and keys, kept per blog (the same browser subscribing again renews
// its keys). Unsubscribing forgets it, and any alert queued for it, and is idempotent.

import {
  type AlertSubscription,
  AlertSubscriptionInput,
  AlertUnsubscribeInput,
} from "../alerts.js";
import type { Blog } from "../blog.js";
import { DomainError } from "../errors.js";
import { newId } from "../ids.js";
import type { Newsroom } from "../ports.js";
import { parseInput } from "../validation.js";

/** Refuses a push address the server may not send to (the guarded fetcher's check). */
export type PushAddressCheck = (endpoint: string) => Promise<void>;

async function readersBlog(newsroom: Pick<Newsroom, "store">, slug: string): Promise<Blog> {
  const blog = await newsroom.store.findBlogBySlug(slug);
  if (!blog) throw new DomainError("blog_not_found", "No blog with that slug");
  return blog;
}

export async function subscribeToAlerts(
  newsroom: Pick<Newsroom, "store" | "clock">,
  slug: string,
  input: unknown,
  checkAddress: PushAddressCheck,
): Promise<AlertSubscription> {
  const blog = await readersBlog(newsroom, slug);
  const data = parseInput(AlertSubscriptionInput, input);
  await checkAddress(data.endpoint);
  const now = newsroom.clock.now();
  const subscription: AlertSubscription = {
    id: newId(now.getTime()),
    blogId: blog.id,
    endpoint: data.endpoint,
    p256dh: data.keys.p256dh,
    auth: data.keys.auth,
    createdAt: now.toISOString(),
  };
  await newsroom.store.saveAlertSubscription(subscription);
  return subscription;
}

export async function unsubscribeFromAlerts(
  newsroom: Pick<Newsroom, "store">,
  slug: string,
  input: unknown,
): Promise<void> {
  const blog = await readersBlog(newsroom, slug);
  const data = parseInput(AlertUnsubscribeInput, input);
  await newsroom.store.deleteAlertSubscriptionByEndpoint(blog.id, data.endpoint);
}

/** How many browsers are subscribed to the blog's key events (for the desk). */
export async function countAlertSubscribers(
  newsroom: Pick<Newsroom, "store">,
  slug: string,
): Promise<number> {
  const blog = await readersBlog(newsroom, slug);
  return newsroom.store.countAlertSubscriptions(blog.id);
}
