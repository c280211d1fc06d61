// GET /live/:slug/posts/:id/preview: a post as the reader page will show it, for the newsroom
// only, whatever its state (draft, scheduled, waiting for approval, published). It never
// touches the page cache, carries no cache tag (so neither a CDN nor a purge ever holds it),
// is private and no-store, and says noindex. To anyone outside the newsroom it does not exist:
// the same 404 as a post that is not there, so a preview link gives nothing away.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { getPost } from "../core/operations/read.js";
import { can } from "../core/permissions.js";
import type { Newsroom } from "../core/ports.js";
import { renderErrorPage } from "./notice-pages.js";
import { type PageContext, renderPostPage } from "./page.js";
import { blogPath } from "./urls.js";

const PREVIEW_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
  // The answer depends on who asks; a shared cache must never reuse it for someone else.
  Vary: "Cookie, Authorization",
};

export function registerPreviewRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  csp: string,
): void {
  // Unpublished words: only the newsroom's own pages may frame the preview.
  const framedByUsOnly = `${csp}; frame-ancestors 'self'`;
  app.get<{ Params: { slug: string; id: string } }>(
    "/live/:slug/posts/:id/preview",
    async (request, reply) => {
      const context = contextFor(request);
      const { slug, id } = request.params;
      const send = (status: number, page: string) =>
        reply
          .status(status)
          .headers({ ...PREVIEW_HEADERS, "Content-Security-Policy": framedByUsOnly })
          .type("text/html; charset=utf-8")
          .send(page);
      const notFound = () =>
        send(
          404,
          renderErrorPage(context, {
            title: "We can’t find that update",
            message: "It may have been removed, or the link may be mistyped.",
            link: { href: blogPath(slug), label: "Go to the live blog" },
          }),
        );
      const actor = request.actor;
      if (!actor || !can(actor, "post.readDrafts")) return notFound();
      const blog = await newsroom.store.findBlogBySlug(slug);
      if (!blog) return notFound();
      try {
        // A colleague's draft or submission is not a reporter's to see (permissions.mayRead).
        const post = await getPost(newsroom, blog, id, false, actor);
        return send(200, renderPostPage(blog, post, context, { preview: true }));
      } catch (error) {
        if (error instanceof DomainError && error.code === "post_not_found") return notFound();
        throw error;
      }
    },
  );
}
