// Readers' alerts for key events: GET /api/blogs/:slug/alerts gives the VAPID public key the
// browser subscribes with (and, to the newsroom, how many browsers are subscribed); POST and
// DELETE /api/blogs/:slug/alerts/subscriptions keep and forget a browser's PushSubscription.
// Anonymous like a poll vote (auth.ts leaves these alone): no account, no cookie; each address
// may write only so often. The push address is checked as the sender will check it (the
// guarded fetcher): a private or loopback one is refused unless the operator allows them.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { VapidKeyring } from "../../../alerts/vapid.js";
import { DomainError } from "../../../core/errors.js";
import {
  countAlertSubscribers,
  subscribeToAlerts,
  unsubscribeFromAlerts,
} from "../../../core/operations/alerts.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { FetchProblem, type GuardedFetcher } from "../../../outbound/guarded-fetch.js";
import { AddressLimit } from "../polls/address-limit.js";

export const ALERT_SUBSCRIPTIONS_ROUTE = "/api/blogs/:slug/alerts/subscriptions";

const Params = z.object({ slug: z.string().max(200) });

export interface AlertRouteOptions {
  keyring: VapidKeyring;
  fetcher: GuardedFetcher;
  /** Subscribes and unsubscribes one address may make per minute. */
  writesPerMinute?: number;
}

export function registerAlertRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  options: AlertRouteOptions,
): void {
  const limit = new AddressLimit(options.writesPerMinute ?? 20, 60_000);
  const checkAddress = async (endpoint: string) => {
    try {
      await options.fetcher.vet(endpoint);
    } catch (error) {
      if (!(error instanceof FetchProblem)) throw error;
      throw new DomainError("fetch_refused", error.message, { field: "endpoint" });
    }
  };
  const takeTurn = (address: string, reply: { header(k: string, v: string): unknown }) => {
    const wait = limit.take(address, Date.now());
    if (wait > 0) {
      reply.header("Retry-After", String(Math.ceil(wait / 1000)));
      throw new DomainError(
        "too_many_attempts",
        "Too many alert subscriptions from this address: wait a minute",
      );
    }
  };

  app.get("/api/blogs/:slug/alerts", async (request, reply) => {
    const { slug } = parseInput(Params, request.params);
    // Only the newsroom learns how many readers subscribe; readers get the key alone.
    const subscribers = await countAlertSubscribers(newsroom, slug);
    const { publicKey } = await options.keyring.keys();
    reply.header("Cache-Control", request.actor ? "private, no-store" : "public, max-age=300");
    return {
      publicKey,
      subscriptions: `/api/blogs/${encodeURIComponent(slug)}/alerts/subscriptions`,
      ...(request.actor ? { subscribers } : {}),
    };
  });

  app.post(ALERT_SUBSCRIPTIONS_ROUTE, async (request, reply) => {
    const { slug } = parseInput(Params, request.params);
    takeTurn(request.ip, reply);
    const subscription = await subscribeToAlerts(newsroom, slug, request.body, checkAddress);
    reply.header("Cache-Control", "no-store");
    return reply.status(201).send({ subscribed: true, endpoint: subscription.endpoint });
  });

  app.delete(ALERT_SUBSCRIPTIONS_ROUTE, async (request, reply) => {
    const { slug } = parseInput(Params, request.params);
    takeTurn(request.ip, reply);
    await unsubscribeFromAlerts(newsroom, slug, request.body);
    return reply.status(204).send();
  });
}
