// Readers' alerts for key events (Web Push): what a browser's subscription is, as its
// PushSubscription JSON gives it, and which posts make an alert. A subscription names no
// one: it is the push service's address for one browser and the two keys its messages are
// encrypted to (RFC 8291). Sending is src/alerts/; queueing is commit.ts's.

import { z } from "zod";
import type { Post } from "./post.js";

export interface AlertSubscription {
  id: string;
  blogId: string;
  /** The push service's https URL for this browser. */
  endpoint: string;
  /** The browser's P-256 public key (65 bytes, uncompressed) and auth secret (16 bytes), base64url. */
  p256dh: string;
  auth: string;
  createdAt: string;
}

/** One alert for one subscriber, as a worker holds it under its lease. */
export interface AlertDelivery {
  id: string;
  postId: string;
  attempts: number;
  subscription: AlertSubscription;
}

/** base64url of exactly `bytes` bytes (padding tolerated: browsers differ). */
function base64urlOf(bytes: number, what: string) {
  return z
    .string()
    .max(200)
    .transform((v) => v.replace(/=+$/, ""))
    .refine(
      (v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, "base64url").length === bytes,
      `Use the browser's ${what} (${bytes} bytes, base64url)`,
    );
}

/** An https URL the push service gave the browser: no credentials, no fragment, not too long. */
const PushEndpoint = z
  .string({ message: "Send the subscription's endpoint URL" })
  .max(2000, "Use at most 2000 characters")
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === "https:" && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, "Use the https URL the browser's push service gave it");

/** PushSubscription#toJSON(), as the browser sends it; `expirationTime` is accepted and ignored. */
export const AlertSubscriptionInput = z
  .object({
    endpoint: PushEndpoint,
    expirationTime: z.number().nullable().optional(),
    keys: z.object(
      {
        p256dh: base64urlOf(65, "P-256 public key").refine(
          (v) => Buffer.from(v, "base64url")[0] === 4,
          "Use an uncompressed P-256 public key",
        ),
        auth: base64urlOf(16, "auth secret"),
      },
      { message: "Send the subscription's keys (p256dh and auth)" },
    ),
  })
  .strict();

export const AlertUnsubscribeInput = z.object({ endpoint: PushEndpoint }).strict();

/** Whether this post, as written, is a key event readers may be alerted to. */
export function alertsReaders(post: Pick<Post, "keyEvent" | "status" | "deletedAt">): boolean {
  return post.keyEvent && post.status === "published" && post.deletedAt === null;
}
