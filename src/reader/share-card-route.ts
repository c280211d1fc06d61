// GET /live/:slug/posts/:id/card.png: a published post's share card (share-card.ts), named by
// its permalink page's Open Graph when the post has no image. The ETag is the card's own
// drawing, so an edit to the post or the blog's title makes a new card; a deleted or taken
// down post has none (404). Cached briefly, tagged with the blog and purged with the post
// (http/purge.ts), so a removed post's card does not outlive it at the edge.

import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { Slug } from "../core/blog.js";
import { DomainError } from "../core/errors.js";
import { getBlog, getPost } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import { cacheTagHeaders } from "../http/headers.js";
import { renderShareCard, shareCardSvg } from "./share-card.js";
import { postPath } from "./urls.js";

const PostId = z.string().regex(/^[0-9a-z]{1,64}$/);
const CARD_CACHE = "public, max-age=30";
/** Cards drawn lately, by ETag: a shared post's card is asked for by every network at once. */
const KEEP = 64;

export function shareCardPath(slug: string, postId: string): string {
  return `${postPath(slug, postId)}/card.png`;
}

export function registerShareCardRoute(app: FastifyInstance, newsroom: Newsroom): void {
  const drawn = new Map<string, Buffer>();
  app.get<{ Params: { slug: string; id: string } }>(
    "/live/:slug/posts/:id/card.png",
    async (request, reply) => {
      const { slug, id } = request.params;
      let card: { blog: Awaited<ReturnType<typeof getBlog>>; svg: string; etag: string };
      try {
        if (!Slug.safeParse(slug).success || !PostId.safeParse(id).success) {
          throw new DomainError("post_not_found", `No post ${id} in this blog`);
        }
        const blog = await getBlog(newsroom, slug);
        const post = await getPost(newsroom, blog, id, true);
        const svg = shareCardSvg(blog, post);
        const etag = `"${createHash("sha256").update(svg).digest("base64url").slice(0, 27)}"`;
        card = { blog, svg, etag };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code !== "blog_not_found" && error.code !== "post_not_found") throw error;
        return reply
          .status(404)
          .header("Cache-Control", "no-store")
          .type("text/plain; charset=utf-8")
          .send("No such update");
      }
      reply
        .header("ETag", card.etag)
        .header("Cache-Control", CARD_CACHE)
        .headers(cacheTagHeaders(card.blog.id));
      if (request.headers["if-none-match"] === card.etag) return reply.status(304).send();
      let png = drawn.get(card.etag);
      if (!png) {
        png = await renderShareCard(card.svg);
        drawn.set(card.etag, png);
        if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value as string);
      }
      return reply.type("image/png").send(png);
    },
  );
}
