// GET /api/blogs/:slug/posts/search: the desk's search over every post of a blog, newsroom
// only. The rules (who finds what, paging) are the core's; this is the HTTP edge.

import type { FastifyInstance } from "fastify";
import { searchPosts } from "../../../core/operations/search.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentPost } from "../../presenters/posts.js";
import { SlugParams } from "../../schemas.js";

export function registerSearchRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs/:slug/posts/search", async (request, reply) => {
    const actor = requireActor(request);
    const { slug } = parseInput(SlugParams, request.params);
    const page = await searchPosts(newsroom, actor, slug, request.query);
    reply.header("Cache-Control", "private, no-cache");
    return page.next
      ? { posts: page.posts.map(presentPost), next: page.next }
      : { posts: page.posts.map(presentPost) };
  });
}
