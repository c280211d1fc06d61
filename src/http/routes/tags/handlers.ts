// GET /api/blogs/:slug/tags: the tags of a blog's published posts with how many updates carry
// each, most used first; public. Readers' apps list them as the live page does, and the
// composer offers them as the desk types. Versioned by the blog's change sequence, like the
// public post list, so a deleted post's tag is never answered from a cache that knew it.

import type { FastifyInstance } from "fastify";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { cacheTagHeaders } from "../../headers.js";
import { SlugParams } from "../../schemas.js";

export function registerTagRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs/:slug/tags", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const seq = await newsroom.store.lastSeq(blog.id);
    const tags = await newsroom.store.listTags(blog.id);
    const etag = `W/"${blog.id}-${seq}-tags"`;
    reply
      .header("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
      .header("ETag", etag)
      .headers(cacheTagHeaders(blog.id));
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    return { tags };
  });
}
