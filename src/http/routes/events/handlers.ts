// GET /api/blogs/:slug/events: the live stream of a blog's changes as Server-Sent Events.
// The hub owns the connection from here on; Fastify steps aside (hijack) so nothing buffers.

import type { FastifyInstance } from "fastify";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { LiveHub } from "../../../realtime/hub.js";
import { parseLastEventId } from "../../../realtime/sse.js";
import { SlugParams } from "../../schemas.js";

export function registerEventRoutes(app: FastifyInstance, newsroom: Newsroom, hub: LiveHub): void {
  app.get("/api/blogs/:slug/events", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const header = request.headers["last-event-id"];
    const query = (request.query as Record<string, unknown>).lastEventId;
    const lastEventId = parseLastEventId(
      Array.isArray(header) ? header[0] : header,
      typeof query === "string" ? query : undefined,
    );
    reply.hijack();
    // Headers set by hooks so far (security headers) go out with the stream's own.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    await hub.attach(blog.id, reply.raw, lastEventId);
  });
}
