// /api/webhooks: the shapes admins send and get back. The same zod schemas validate requests
// and feed the OpenAPI document (openapi.ts).

import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../../../core/webhooks.js";

export const WebhookParams = z.object({ id: z.string().min(1).max(100) }).strict();
export const DeliveryParams = z
  .object({ id: z.string().min(1).max(100), deliveryId: z.string().min(1).max(100) })
  .strict();

export const DeliveryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("1 to 200, default 50"),
    before: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("The `next` of the previous page: deliveries older than that one"),
  })
  .strict();

export const WebhookEndpointJson = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  blogs: z
    .union([z.literal("all"), z.array(z.string())])
    .describe('"all", or the slugs of the blogs whose news is sent'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const WebhookWithSecretJson = WebhookEndpointJson.extend({
  secret: z
    .string()
    .describe("The Standard Webhooks signing secret (whsec_…): shown now, never again"),
});

export const WebhookDeliveryJson = z.object({
  id: z.string().describe("The webhook-id header of every attempt"),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z
    .number()
    .int()
    .nullable()
    .describe("The endpoint's HTTP answer to the last attempt"),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  postId: z.string().optional(),
});
