// GET /api/blogs/:slug/events: the live stream of a blog's changes as Server-Sent Events.
// Answered before the request reaches Fastify: a stream lives for hours and thousands are open
// at once, and skipping the framework's per-request objects (request, reply, logger, hooks)
// keeps the memory each open reader costs small. The hub owns the connection from here on.

import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "../../../core/errors.js";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import type { LiveHub } from "../../../realtime/hub.js";
import { parseLastEventId } from "../../../realtime/sse.js";
import { toHttpError } from "../../errors.js";

const EVENTS_PATH = /^\/api\/blogs\/([^/?#]+)\/events\/?(?:\?(.*))?$/;

/** Takes the request if it is for an event stream; returns false to leave it to the app. */
export function eventStreams(newsroom: Newsroom, hub: LiveHub) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET") return false;
    const match = EVENTS_PATH.exec(req.url ?? "");
    if (!match?.[1]) return false;
    void stream(newsroom, hub, req, res, match[1], match[2] ?? "");
    return true;
  };
}

async function stream(
  newsroom: Newsroom,
  hub: LiveHub,
  req: IncomingMessage,
  res: ServerResponse,
  rawSlug: string,
  query: string,
): Promise<void> {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  try {
    let slug: string;
    try {
      slug = decodeURIComponent(rawSlug);
    } catch {
      throw new DomainError("blog_not_found", "No blog at that address");
    }
    const blog = await getBlog(newsroom, slug);
    const header = req.headers["last-event-id"];
    const lastEventId = parseLastEventId(
      Array.isArray(header) ? header[0] : header,
      new URLSearchParams(query).get("lastEventId") ?? undefined,
    );
    // The request has told us all we need; its headers need not stay in memory for hours.
    req.rawHeaders.length = 0;
    await hub.attach(blog.id, res, lastEventId);
  } catch (error) {
    if (res.headersSent) return;
    const mapped = toHttpError(error) ?? {
      status: 500,
      body: {
        error: { code: "internal_error", message: "Something went wrong on our side; try again" },
      },
    };
    res.writeHead(mapped.status, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-cache",
    });
    res.end(JSON.stringify(mapped.body));
  }
}
