// /api/blogs/:slug/figures: a blog's key figures. Anyone reads the box and a figure's history;
// editors and admins add, change and remove figures (core/operations/figures.ts).

import type { FastifyInstance } from "fastify";
import {
  createFigure,
  deleteFigure,
  figureHistory,
  listFigures,
  updateFigure,
} from "../../../core/operations/figures.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { cacheTagHeaders } from "../../headers.js";
import { presentFigure, presentFigureHistory, presentFigures } from "../../presenters/figures.js";
import { SlugParams } from "../../schemas.js";
import { FigureParams } from "./schema.js";

export function registerFigureRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs/:slug/figures", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const { blog, figures } = await listFigures(newsroom, slug);
    // Purged with the blog's other routes when the box changes (http/purge.ts).
    reply
      .header("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
      .headers(cacheTagHeaders(blog.id));
    return presentFigures(figures);
  });

  app.post("/api/blogs/:slug/figures", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const figure = await createFigure(newsroom, requireActor(request), slug, request.body);
    return reply.status(201).send(presentFigure(figure));
  });

  app.patch("/api/blogs/:slug/figures/:id", async (request) => {
    const { slug, id } = parseInput(FigureParams, request.params);
    return presentFigure(
      await updateFigure(newsroom, requireActor(request), slug, id, request.body),
    );
  });

  app.delete("/api/blogs/:slug/figures/:id", async (request, reply) => {
    const { slug, id } = parseInput(FigureParams, request.params);
    await deleteFigure(newsroom, requireActor(request), slug, id);
    return reply.status(204).send();
  });

  app.get("/api/blogs/:slug/figures/:id/history", async (request, reply) => {
    const { slug, id } = parseInput(FigureParams, request.params);
    const { blog, figure, history } = await figureHistory(newsroom, slug, id);
    // Revalidated every time: a removed figure's history must not outlive it in a cache.
    reply.header("Cache-Control", "public, no-cache").headers(cacheTagHeaders(blog.id));
    return presentFigureHistory(figure, history);
  });
}
