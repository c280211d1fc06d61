// Standard Webhooks signatures (https://www.standardwebhooks.com): `v1,` and the base64
// HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed with the bytes of the secret after
// `whsec_`. Receivers check it with any Standard Webhooks library, or a few lines of their own.

import { createHmac } from "node:crypto";

export function signatureKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", signatureKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return `v1,${digest}`;
}

/** The headers of one attempt: the id stays, the timestamp is the attempt's own. */
export function webhookHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body),
  };
}
