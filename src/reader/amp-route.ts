// GET /live/:slug/amp: the AMP version of the latest page (amp.ts), cached per change like the
// reader page, under AMP's own policy, with items for recently deleted posts so AMP pages
// already open drop them too.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Blog } from "../core/blog.js";
import { getCoverage } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import { AMP_CSP, AMP_MAX_ITEMS, recentTombstones, renderAmpPage } from "./amp.js";
import type { CachedPageAnswer } from "./embed-route.js";
import type { PageContext } from "./page.js";

export function registerAmpRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  cachedPage: CachedPageAnswer,
): void {
  app.get<{ Params: { slug: string } }>("/live/:slug/amp", async (request, reply) => {
    const context = contextFor(request);
    const render = async (blog: Blog) => {
      const [coverage, tombstones] = await Promise.all([
        getCoverage(newsroom, blog, { limit: AMP_MAX_ITEMS }),
        recentTombstones(newsroom, blog),
      ]);
      return renderAmpPage({ blog, coverage, context, tombstones });
    };
    return cachedPage(request, reply, context, request.params.slug, "amp", render, AMP_CSP);
  });
}
