// The media library's routes (newsroom only): GET /api/media lists and searches earlier
// uploads, newest first; PATCH /api/media/:id changes an image's alt text, caption or credit.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { browseMedia, describeMedia } from "../../../core/operations/media-library.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseQuery } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentMediaItem } from "../../presenters/media.js";

export const MediaLibraryQuery = z
  .object({
    q: z
      .string()
      .max(200)
      .optional()
      .describe("Words, each found in the file name, alt text, caption, credit or uploader"),
    before: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("The `next` of the previous page: images uploaded before that one"),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(40)
      .describe("Images per page (1 to 100, default 40)"),
  })
  .strict();

export function registerLibraryRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/media", async (request, reply) => {
    const actor = requireActor(request);
    const query = parseQuery(MediaLibraryQuery, request.query);
    const page = await browseMedia(newsroom, actor, {
      limit: query.limit,
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
    });
    reply.header("Cache-Control", "private, no-cache");
    const media = page.media.map(presentMediaItem);
    return page.next ? { media, next: page.next } : { media };
  });

  app.patch("/api/media/:id", async (request) => {
    const actor = requireActor(request);
    const { id } = request.params as { id: string };
    return presentMediaItem(await describeMedia(newsroom, actor, id, request.body));
  });
}
