// /api/webhooks: admins register endpoints, change and remove them, replace their secret, list
// each one's deliveries and send one again. The address is checked here, at the edge, with the
// guarded fetcher (public addresses only unless FETCH_ALLOW_PRIVATE); the rest is the core's.

import type { FastifyInstance } from "fastify";
import { DomainError } from "../../../core/errors.js";
import {
  type AddressCheck,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "../../../core/operations/webhooks.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput, parseQuery } from "../../../core/validation.js";
import { FetchProblem, type GuardedFetcher } from "../../../outbound/guarded-fetch.js";
import { requireActor } from "../../auth.js";
import { presentWebhookDelivery, presentWebhookEndpoint } from "../../presenters/webhooks.js";
import { DeliveryParams, DeliveryQuery, WebhookParams } from "./schema.js";

export function registerWebhookRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  fetcher: GuardedFetcher,
  wake: () => void,
): void {
  const checkAddress: AddressCheck = async (url) => {
    try {
      await fetcher.vet(url);
    } catch (error) {
      if (!(error instanceof FetchProblem)) throw error;
      throw new DomainError("fetch_refused", error.message, { field: "url" });
    }
  };

  app.get("/api/webhooks", async (request) => {
    const endpoints = await listWebhookEndpoints(newsroom, requireActor(request));
    return { webhooks: endpoints.map(presentWebhookEndpoint) };
  });

  app.post("/api/webhooks", async (request, reply) => {
    const made = await createWebhookEndpoint(
      newsroom,
      requireActor(request),
      request.body,
      checkAddress,
    );
    // The secret is shown once: no cache may keep it.
    return reply
      .status(201)
      .header("Cache-Control", "no-store")
      .send({ ...presentWebhookEndpoint(made), secret: made.secret });
  });

  app.get("/api/webhooks/:id", async (request) => {
    const { id } = parseInput(WebhookParams, request.params);
    return presentWebhookEndpoint(await getWebhookEndpoint(newsroom, requireActor(request), id));
  });

  app.patch("/api/webhooks/:id", async (request) => {
    const { id } = parseInput(WebhookParams, request.params);
    const actor = requireActor(request);
    const changed = await updateWebhookEndpoint(newsroom, actor, id, request.body, checkAddress);
    return presentWebhookEndpoint(changed);
  });

  app.delete("/api/webhooks/:id", async (request, reply) => {
    const { id } = parseInput(WebhookParams, request.params);
    await deleteWebhookEndpoint(newsroom, requireActor(request), id);
    return reply.status(204).send();
  });

  app.post("/api/webhooks/:id/rotate-secret", async (request, reply) => {
    const { id } = parseInput(WebhookParams, request.params);
    const rotated = await rotateWebhookSecret(newsroom, requireActor(request), id);
    return reply
      .header("Cache-Control", "no-store")
      .send({ ...presentWebhookEndpoint(rotated), secret: rotated.secret });
  });

  app.get("/api/webhooks/:id/deliveries", async (request) => {
    const { id } = parseInput(WebhookParams, request.params);
    const { limit, before } = parseQuery(DeliveryQuery, request.query);
    const actor = requireActor(request);
    const deliveries = await listWebhookDeliveries(newsroom, actor, id, {
      limit,
      ...(before ? { before } : {}),
    });
    const last = deliveries.at(-1);
    return {
      deliveries: deliveries.map(presentWebhookDelivery),
      ...(deliveries.length === limit && last ? { next: last.id } : {}),
    };
  });

  app.post("/api/webhooks/:id/deliveries/:deliveryId/retry", async (request, reply) => {
    const { id, deliveryId } = parseInput(DeliveryParams, request.params);
    const queued = await resendWebhookDelivery(newsroom, requireActor(request), id, deliveryId);
    wake();
    return reply.status(202).send(presentWebhookDelivery(queued));
  });
}
