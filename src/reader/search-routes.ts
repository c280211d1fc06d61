// GET /sitemap.xml, /news-sitemap.xml and /robots.txt (rendered in sitemaps.ts). Each is made
// afresh from the blogs' rows (one query), so it is current the moment a blog changes; an
// ETag of its bytes answers revalidations with 304, and the purge hook names both sitemaps
// on every change (http/purge.ts).

import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Newsroom } from "../core/ports.js";
import { SECURITY_HEADERS } from "../http/headers.js";
import type { Publisher } from "./jsonld.js";
import type { PageContext } from "./page.js";
import { renderNewsSitemap, renderRobots, renderSitemap } from "./sitemaps.js";

const CACHE = "public, max-age=5, stale-while-revalidate=30";
const XML = "application/xml; charset=utf-8";

export function registerSearchEngineRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  options: { vary: string; publisher?: Publisher },
): void {
  const publisher = options.publisher ?? { name: "Dispatch" };
  const send = (request: FastifyRequest, reply: FastifyReply, type: string, body: string) => {
    const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
    reply
      .headers(SECURITY_HEADERS)
      .header("Cache-Control", CACHE)
      .header("Vary", options.vary)
      .header("ETag", etag);
    const ifNoneMatch = request.headers["if-none-match"];
    if (ifNoneMatch?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
      return reply.status(304).send();
    }
    return reply.status(200).type(type).send(body);
  };

  app.get("/sitemap.xml", async (request, reply) => {
    const blogs = await newsroom.store.listBlogs();
    return send(request, reply, XML, renderSitemap(blogs, contextFor(request).baseUrl));
  });

  app.get("/news-sitemap.xml", async (request, reply) => {
    const blogs = await newsroom.store.listBlogs();
    const body = renderNewsSitemap(blogs, {
      baseUrl: contextFor(request).baseUrl,
      publisher,
      now: newsroom.clock.now(),
    });
    return send(request, reply, XML, body);
  });

  app.get("/robots.txt", async (request, reply) =>
    send(request, reply, "text/plain; charset=utf-8", renderRobots(contextFor(request).baseUrl)),
  );
}
