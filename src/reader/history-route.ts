// GET /live/:slug/posts/:id/history: what a corrected post said before (history-page.ts),
// cached per change like the permalink, so a takedown (a change) empties it at once.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { getPostHistory } from "../core/operations/corrections.js";
import type { Newsroom } from "../core/ports.js";
import { isPostId } from "./embed-options.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { renderHistoryPage } from "./history-page.js";
import type { PageContext } from "./page.js";

export function registerHistoryRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  cachedPage: CachedPageAnswer,
): void {
  app.get<{ Params: { slug: string; id: string } }>(
    "/live/:slug/posts/:id/history",
    async (request, reply) => {
      const context = contextFor(request);
      const { slug, id } = request.params;
      return cachedPage(request, reply, context, slug, `history|${id}`, async (blog) => {
        if (!isPostId(id)) {
          throw new DomainError("post_not_found", `No post ${id} in this blog`);
        }
        const { post, versions } = await getPostHistory(newsroom, blog, id);
        return renderHistoryPage(blog, post, versions, context);
      });
    },
  );
}
