// GET /live/:slug/posts/:id: one update's own page (renderPostPage), cached per change like
// the live page, and counted as an open of the post for the desk's numbers.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { getPost } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import { isPostId } from "./embed-options.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { type PageContext, renderPostPage } from "./page.js";

export interface PermalinkRouteDeps {
  newsroom: Newsroom;
  contextFor: (request: FastifyRequest) => PageContext;
  cachedPage: CachedPageAnswer;
  /** Counts an open of the post for the desk's numbers (src/numbers/). */
  countOpen: (slug: string, id: string) => Promise<void>;
}

export function registerPermalinkRoute(app: FastifyInstance, deps: PermalinkRouteDeps): void {
  const { newsroom, contextFor, cachedPage, countOpen } = deps;
  app.get<{ Params: { slug: string; id: string } }>(
    "/live/:slug/posts/:id",
    async (request, reply) => {
      const context = contextFor(request);
      const { slug, id } = request.params;
      const answered = await cachedPage(
        request,
        reply,
        context,
        slug,
        `post|${id}`,
        async (blog) => {
          if (!isPostId(id)) {
            throw new DomainError("post_not_found", `No post ${id} in this blog`);
          }
          return renderPostPage(blog, await getPost(newsroom, blog, id, true), context);
        },
      );
      // An open of the post for the desk's numbers: a page served fresh, from the cache or
      // as a 304 (the reader's copy was still good). A HEAD or a refusal is not a reader.
      if (request.method === "GET" && reply.statusCode < 400) await countOpen(slug, id);
      return answered;
    },
  );
}
