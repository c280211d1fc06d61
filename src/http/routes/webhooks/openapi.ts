// The OpenAPI paths of /api/webhooks, spread into the document by ../meta/openapi.ts, from the
// zod schemas that validate the requests and describe the answers.

import { z } from "zod";
import { WebhookEndpointInput, WebhookEndpointPatch } from "../../../core/operations/webhooks.js";
import {
  DeliveryQuery,
  WebhookDeliveryJson,
  WebhookEndpointJson,
  WebhookWithSecretJson,
} from "./schema.js";

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
const json = (s: Json) => ({ content: { "application/json": { schema: s } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

export function webhookPaths(): Json {
  const endpoint = schema(WebhookEndpointJson);
  const withSecret = schema(WebhookWithSecretJson);
  const delivery = schema(WebhookDeliveryJson);
  const query = schema(DeliveryQuery, "input") as { properties: Record<string, Json> };
  const admins = "(admins)";
  return {
    "/api/webhooks": {
      get: {
        summary: `Webhook endpoints ${admins}`,
        security: signedIn,
        responses: {
          "200": {
            description: "Endpoints (never their secrets)",
            ...json({
              type: "object",
              properties: { webhooks: { type: "array", items: endpoint } },
            }),
          },
          ...errors(401, 403),
        },
      },
      post: {
        summary: `Register a webhook endpoint ${admins}: an http(s) address on the public internet (private and loopback addresses are refused, 422 fetch_refused, unless the operator sets FETCH_ALLOW_PRIVATE); the signing secret is answered once`,
        security: signedIn,
        requestBody: { required: true, ...json(schema(WebhookEndpointInput, "input")) },
        responses: {
          "201": { description: "Registered", ...json(withSecret) },
          ...errors(401, 403, 422),
        },
      },
    },
    "/api/webhooks/{id}": {
      get: {
        summary: `One webhook endpoint ${admins}`,
        security: signedIn,
        parameters: [path("id")],
        responses: {
          "200": { description: "The endpoint", ...json(endpoint) },
          ...errors(401, 403, 404),
        },
      },
      patch: {
        summary: `Change a webhook endpoint: address, description, blogs, kinds of news, enabled ${admins}`,
        security: signedIn,
        parameters: [path("id")],
        requestBody: { required: true, ...json(schema(WebhookEndpointPatch, "input")) },
        responses: {
          "200": { description: "The endpoint", ...json(endpoint) },
          ...errors(401, 403, 404, 422),
        },
      },
      delete: {
        summary: `Remove a webhook endpoint and its deliveries ${admins}`,
        security: signedIn,
        parameters: [path("id")],
        responses: { "204": { description: "Removed" }, ...errors(401, 403, 404) },
      },
    },
    "/api/webhooks/{id}/rotate-secret": {
      post: {
        summary: `Replace an endpoint's signing secret; the new one is answered once and signs every attempt from now on ${admins}`,
        security: signedIn,
        parameters: [path("id")],
        responses: {
          "200": { description: "The endpoint and its new secret", ...json(withSecret) },
          ...errors(401, 403, 404),
        },
      },
    },
    "/api/webhooks/{id}/deliveries": {
      get: {
        summary: `An endpoint's deliveries, newest first: status, the endpoint's last answer, attempts ${admins}`,
        security: signedIn,
        parameters: [
          path("id"),
          ...Object.entries(query.properties).map(([name, s]) => ({
            name,
            in: "query",
            required: false,
            schema: s,
          })),
        ],
        responses: {
          "200": {
            description: "Deliveries",
            ...json({
              type: "object",
              properties: {
                deliveries: { type: "array", items: delivery },
                next: { type: "string" },
              },
            }),
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/api/webhooks/{id}/deliveries/{deliveryId}/retry": {
      post: {
        summary: `Send a delivery again (same webhook-id), now, with a new 24 h series of attempts ${admins}`,
        security: signedIn,
        parameters: [path("id"), path("deliveryId")],
        responses: {
          "202": { description: "Queued", ...json(delivery) },
          ...errors(401, 403, 404),
        },
      },
    },
  };
}
