// /api/blogs/:slug/posts/:id/history, public: what a published post said before each change;
// /api/blogs/:slug/posts/:id/takedown, editors and admins: the legal takedown, which removes
// the post and its history from every public surface, and its images no other post shows
// from the media store (core/operations/corrections.ts).

import type { FastifyInstance } from "fastify";
import { getPostHistory, takedownPost } from "../../../core/operations/corrections.js";
import { getBlog } from "../../../core/operations/read.js";
import type { MediaStore, Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { cacheTagHeaders } from "../../headers.js";
import { PostParams } from "../../schemas.js";
import { presentHistory } from "./schema.js";

export function registerCorrectionRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  media: MediaStore,
): void {
  app.get("/api/blogs/:slug/posts/:id/history", async (request, reply) => {
    const { slug, id } = parseInput(PostParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const history = await getPostHistory(newsroom, blog, id);
    // Public and the same for every reader; the purge hook names this path on every change.
    reply
      .header("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
      .headers(cacheTagHeaders(blog.id));
    return presentHistory(history);
  });

  app.post("/api/blogs/:slug/posts/:id/takedown", async (request, reply) => {
    const { slug, id } = parseInput(PostParams, request.params);
    await takedownPost(newsroom, requireActor(request), slug, id, request.body, media);
    return reply.status(204).send();
  });
}
