// The OpenAPI paths of readers' key-event alerts, spread into the document by ../meta/openapi.ts,
// from the zod schemas that validate the requests.

import { z } from "zod";
import { AlertSubscriptionInput, AlertUnsubscribeInput } from "../../../core/alerts.js";

type Json = Record<string, unknown>;

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
const json = (s: Json) => ({ content: { "application/json": { schema: s } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

const AlertsJson = {
  type: "object",
  properties: {
    publicKey: {
      type: "string",
      description:
        "The VAPID public key (uncompressed P-256 point, base64url): the browser's applicationServerKey",
    },
    subscriptions: { type: "string", description: "Where to POST and DELETE the subscription" },
    subscribers: {
      type: "integer",
      description: "How many browsers are subscribed (only to the signed-in newsroom)",
    },
  },
  required: ["publicKey", "subscriptions"],
};

export function alertPaths(): Json {
  return {
    "/api/blogs/{slug}/alerts": {
      parameters: [slug],
      get: {
        summary: "A blog's key-event alerts: the key a browser subscribes with (public)",
        responses: {
          "200": { description: "The VAPID public key", ...json(AlertsJson) },
          ...errors(404),
        },
      },
    },
    "/api/blogs/{slug}/alerts/subscriptions": {
      parameters: [slug],
      post: {
        summary: "Subscribe a browser to the blog's key events (readers, anonymous)",
        description:
          "The body is the browser's `PushSubscription.toJSON()`: an https `endpoint` and `keys.p256dh` (65-byte P-256 point) and `keys.auth` (16 bytes), base64url. A bad field is 422 `validation_failed` naming it; a push address on a private or loopback network is 422 `fetch_refused` (field `endpoint`) unless the operator set FETCH_ALLOW_PRIVATE. Subscribing the same endpoint again renews its keys. Each address may write only so often (429 with Retry-After). Each post that becomes a key event is then pushed once, encrypted for the browser (RFC 8291) and signed with VAPID (RFC 8292).",
        requestBody: { required: true, ...json(schema(AlertSubscriptionInput)) },
        responses: {
          "201": {
            description: "Subscribed",
            ...json({
              type: "object",
              properties: { subscribed: { type: "boolean" }, endpoint: { type: "string" } },
              required: ["subscribed", "endpoint"],
            }),
          },
          ...errors(404, 422, 429),
        },
      },
      delete: {
        summary: "Unsubscribe a browser from the blog's key events (by its endpoint; idempotent)",
        requestBody: { required: true, ...json(schema(AlertUnsubscribeInput)) },
        responses: { "204": { description: "No longer subscribed" }, ...errors(404, 422, 429) },
      },
    },
  };
}
