// /api/blogs: list, read, create and change blogs (closing is a change of status).

import type { FastifyInstance } from "fastify";
import { createBlog, updateBlog } from "../../../core/operations/blogs.js";
import { getBlog } from "../../../core/operations/read.js";
import { can } from "../../../core/permissions.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentBlog, presentNewsroomBlog } from "../../presenters/blogs.js";
import { SlugParams } from "../../schemas.js";

export function registerBlogRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs", async () => {
    const blogs = await newsroom.store.listBlogs();
    return { blogs: blogs.map(presentBlog) };
  });

  app.get("/api/blogs/:slug", async (request) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    // A newsroom reader may see the blocked comment words; the public never does.
    return request.actor && can(request.actor, "comment.moderate")
      ? presentNewsroomBlog(blog)
      : presentBlog(blog);
  });

  app.post("/api/blogs", async (request, reply) => {
    const blog = await createBlog(newsroom, requireActor(request), request.body);
    return reply.status(201).header("Location", `/api/blogs/${blog.slug}`).send(presentBlog(blog));
  });

  app.patch("/api/blogs/:slug", async (request) => {
    const { slug } = parseInput(SlugParams, request.params);
    return presentNewsroomBlog(
      await updateBlog(newsroom, requireActor(request), slug, request.body),
    );
  });
}
