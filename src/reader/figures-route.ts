// GET /live/:slug/figures: every key figure with its whole history (figures-page.ts), cached
// per change like the live page, so a removed figure leaves it at once.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { figuresBox } from "../core/operations/figures.js";
import type { Newsroom } from "../core/ports.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { renderFiguresPage } from "./figures-page.js";
import type { PageContext } from "./page.js";

export function registerFiguresRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  cachedPage: CachedPageAnswer,
): void {
  app.get<{ Params: { slug: string } }>("/live/:slug/figures", async (request, reply) => {
    const context = contextFor(request);
    const { slug } = request.params;
    return cachedPage(request, reply, context, slug, "figures", async (blog) => {
      const figures = await figuresBox(newsroom.store, blog.id, Number.POSITIVE_INFINITY);
      return renderFiguresPage(blog, figures, context);
    });
  });
}
