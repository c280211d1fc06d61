// The fast lane: a blog's live page answered straight from the page cache, before any
// framework. It is the busiest public URL, asked for by every reader who opens or reloads the
// blog; whatever the lane cannot answer goes to the route, which answers with the same headers.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { AccessLog } from "../http/access-log.js";
import { CORS_HEADERS } from "../http/cors.js";
import { safeHost } from "../http/request-origin.js";
import { SESSION_COOKIE } from "../http/session-cookie.js";
import { cachedAnswer } from "./cached-answer.js";
import type { CachedPage, PageCache } from "./page-cache.js";

/**
 * Answers a request for a blog's live page from the page cache. Returns false (nothing
 * written) whenever the page is not ready to hand or the request is anything but a plain GET
 * or HEAD of `/live/:slug`; the route then answers as usual, with the very same headers.
 */
export type ReaderFastLane = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface FastLaneDeps {
  cache: PageCache;
  /** The policy a cached page was rendered under; a page without one is left to the route. */
  policyOf: (page: CachedPage) => string | undefined;
  /** PUBLIC_URL without its trailing slash, if set. */
  publicUrl: string | undefined;
  vary: string;
  /** The access log for pages answered here; unset when `info` is off. */
  accessLog: AccessLog | undefined;
}

const LIVE_PAGE_PATH = /^\/live\/([a-z0-9-]{1,80})$/;

export function createFastLane(app: FastifyInstance, deps: FastLaneDeps): ReaderFastLane {
  const { cache, policyOf, publicUrl, vary, accessLog: log } = deps;
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  return (req, res) => {
    const started = log ? performance.now() : 0;
    if (closing || (req.method !== "GET" && req.method !== "HEAD")) return false;
    // The newsroom's own requests go the full way: their credentials are checked (a bad
    // token is refused even here) and their session is kept alive.
    if (req.headers.authorization || req.headers.cookie?.includes(SESSION_COOKIE)) return false;
    const slug = LIVE_PAGE_PATH.exec(req.url ?? "")?.[1];
    if (!slug) return false;
    // The page's links are absolute: without PUBLIC_URL they follow the request's origin,
    // which only the full path works out when a proxy says where the request came from.
    let baseUrl = publicUrl;
    if (baseUrl === undefined) {
      if (req.headers["x-forwarded-host"] || req.headers["x-forwarded-proto"]) return false;
      if ((req.socket as { encrypted?: boolean }).encrypted) return false;
      baseUrl = `http://${safeHost(req.headers.host ?? "")}`;
    }
    const page = cache.peek(slug, `live||${baseUrl}`);
    const policy = page && policyOf(page);
    if (!page || !policy) return false;
    const answer = cachedAnswer(page, req.headers, vary, policy);
    // Only anonymous requests come this way: the page may be read from any origin.
    res.writeHead(answer.status, { ...answer.headers, ...CORS_HEADERS });
    const body = req.method === "HEAD" ? undefined : answer.body;
    res.end(body);
    log?.answered(req.method, req.url ?? "", answer.status, body?.length ?? 0, started);
    return true;
  };
}
