// Expected access to readers' key-event alerts: everyone reads a blog's VAPID key and
// subscribes or unsubscribes a browser (anonymously, whoever else they are). The push address
// is a name that never resolves, so the guarded fetcher's advance check lets it through.

import { randomBytes } from "node:crypto";
import { type AccessCase, blog, type Fixtures } from "./cases.js";

function browserSubscription(f: Fixtures) {
  return {
    endpoint: `https://push.invalid/send/${f.unique("browser")}`,
    expirationTime: null,
    keys: {
      p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    },
  };
}

export const ALERT_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/blogs/{slug}/alerts": [
    {
      name: "key",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "POST /api/blogs/{slug}/alerts/subscriptions": [
    {
      name: "subscribe",
      allowed: "everyone",
      ok: 201,
      // Anonymous: a newsroom cookie without the CSRF token subscribes as a reader, unrefused.
      refused: { "cookie without CSRF": [201, null] },
      prepare: async (f) => ({ params: { slug: await blog(f) }, body: browserSubscription(f) }),
    },
  ],
  "DELETE /api/blogs/{slug}/alerts/subscriptions": [
    {
      name: "unsubscribe",
      allowed: "everyone",
      ok: 204,
      refused: { "cookie without CSRF": [204, null] },
      prepare: async (f) => ({
        params: { slug: await blog(f) },
        body: { endpoint: browserSubscription(f).endpoint },
      }),
    },
  ],
};
