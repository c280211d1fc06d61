// The newsroom's desk for one blog: the desk stream (drafts, submissions, scheduled posts and
// presence), the presence update saying which post someone is editing, and the live reader count.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { getBlog } from "../../../core/operations/read.js";
import { ensure } from "../../../core/permissions.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { DeskHub } from "../../../realtime/desk-hub.js";
import type { LiveHub } from "../../../realtime/hub.js";
import { parseWantedBlogs } from "../../../realtime/shared-stream.js";
import { pendingResponse, SSE_HEADERS } from "../../../realtime/sse.js";
import { credentialCheck, requireActor } from "../../auth.js";
import { SECURITY_HEADERS } from "../../headers.js";
import { SlugParams } from "../../schemas.js";
import { mayStream, NOT_ACCEPTABLE } from "../events/handlers.js";
import { BAD_BLOGS, streamShared } from "../events/shared.js";

/** A blog's live readers; `partial` when other nodes could not be asked (Redis is down). */
export interface ReaderCount {
  readers: number;
  partial?: true;
}

const PresenceInput = z.object({ editing: z.string().max(64).nullable() }).strict();

export function registerDeskRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  desk: DeskHub,
  hub: LiveHub,
  readers: (blogId: string) => Promise<ReaderCount>,
): void {
  /** How many readers have the blog open right now, across every node. */
  app.get("/api/blogs/:slug/readers", async (request, reply) => {
    ensure(requireActor(request), "post.readDrafts");
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    return reply.header("Cache-Control", "private, no-cache").send(await readers(blog.id));
  });

  app.get("/api/blogs/:slug/desk", async (request, reply) => {
    const actor = requireActor(request);
    ensure(actor, "post.readDrafts");
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    if (!streamWanted(request)) return reply.status(406).send(NOT_ACCEPTABLE);
    // A HEAD (Fastify answers one for every GET) gets the stream's headers and no stream:
    // Node sends no headers for a bodiless answer until it ends, so a stream would hang it.
    if (request.method === "HEAD") {
      const { Connection: _, ...headers } = SSE_HEADERS;
      return reply.status(200).headers(headers).send();
    }
    reply.hijack();
    // Hijacked replies skip the app's onSend hook, so its security headers are set here.
    reply.raw.setHeader("X-Content-Type-Options", "nosniff");
    reply.raw.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    desk.attach(blog.id, actor, reply.raw, credentialCheck(request, newsroom));
  });

  /**
   * The desk of several blogs on one connection, their public events included: what a
   * browser's desk tabs share (one stream per browser, not two per tab), see
   * routes/events/shared.ts. Presence is per blog, as on each blog's own desk stream.
   */
  app.get("/api/desk/events", async (request, reply) => {
    const actor = requireActor(request);
    ensure(actor, "post.readDrafts");
    const query = request.query as Record<string, unknown>;
    const wanted = parseWantedBlogs(typeof query.blogs === "string" ? query.blogs : null);
    if (!wanted) return reply.status(400).send(BAD_BLOGS);
    if (!streamWanted(request)) return reply.status(406).send(NOT_ACCEPTABLE);
    reply.hijack();
    const res = reply.raw;
    // Hijacked replies skip the app's onSend hook, so its security headers are set here.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader("Cache-Control", "private, no-cache, no-transform");
    await streamShared((slug) => getBlog(newsroom, slug).then((blog) => blog.id), hub, {
      wanted,
      reader: pendingResponse(res),
      fail: (status, body, retryAfter) => {
        if (res.headersSent) return;
        res.writeHead(status, {
          "Content-Type": "application/json; charset=utf-8",
          ...(retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) }),
        });
        res.end(JSON.stringify(body));
      },
      desk: { hub: desk, actor, check: credentialCheck(request, newsroom) },
    });
  });

  app.post("/api/blogs/:slug/presence", async (request, reply) => {
    const actor = requireActor(request);
    ensure(actor, "post.readDrafts");
    const { slug } = parseInput(SlugParams, request.params);
    const { editing } = parseInput(PresenceInput, request.body);
    const blog = await getBlog(newsroom, slug);
    await desk.setEditing(blog.id, actor, editing);
    return reply.status(204).send();
  });
}

/**
 * As for the public streams: a signed-in browser loading the address as an image, script or
 * page (a hostile page pointing an <img> at it) gets no stream that would hold a connection.
 */
function streamWanted(request: FastifyRequest): boolean {
  const fetchDest = request.headers["sec-fetch-dest"];
  return mayStream(request.headers.accept, typeof fetchDest === "string" ? fetchDest : undefined);
}
