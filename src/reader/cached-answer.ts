// The answer to a request for a cached page (page-cache.ts): 304 when the reader or CDN
// already holds this version, else the page in the coding the request takes. The same
// whichever path answers it, Fastify's route or the fast lane before it (fast-lane.ts).

import type { IncomingHttpHeaders } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import { cacheTagHeaders, SECURITY_HEADERS } from "../http/headers.js";
import { preferredEncoding } from "./encoding.js";
import { datable, isFresh } from "./freshness.js";
import { PAGE_CACHE, READER_CSP } from "./page-answers.js";
import type { CachedPage } from "./page-cache.js";

/** A cached page, or 304 when the client (or CDN) already holds this version of it. */
export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  vary: string,
  csp: string = READER_CSP,
): FastifyReply {
  const answer = cachedAnswer(page, request.headers, vary, csp);
  return reply.status(answer.status).headers(answer.headers).send(answer.body);
}

/** How to answer a request for a cached page: the same whichever path answers it. */
export function cachedAnswer(
  page: CachedPage,
  headers: IncomingHttpHeaders,
  vary: string,
  csp: string = READER_CSP,
): { status: 200 | 304; headers: Record<string, string>; body?: Buffer } {
  const sets = answerHeaders(page, vary, csp);
  if (isFresh(page, headers["if-none-match"], headers["if-modified-since"])) {
    return { status: 304, headers: sets.notModified };
  }
  switch (preferredEncoding(headers["accept-encoding"])) {
    case "br":
      return { status: 200, headers: sets.brotli, body: page.brotli };
    case "gzip":
      return { status: 200, headers: sets.gzipped, body: page.gzipped };
    case "identity":
      return { status: 200, headers: sets.plain, body: page.body };
  }
}

/** A cached page's headers for each way of answering; shared, so never to be modified. */
interface AnswerHeaders {
  notModified: Readonly<Record<string, string>>;
  plain: Readonly<Record<string, string>>;
  gzipped: Readonly<Record<string, string>>;
  brotli: Readonly<Record<string, string>>;
}

/**
 * Each page's headers, made once before it carries its date and once after. A page is always
 * sent under the same policy (its cache key names everything its policy depends on).
 */
const headerSets = new WeakMap<CachedPage, { undated?: AnswerHeaders; dated?: AnswerHeaders }>();

function answerHeaders(page: CachedPage, vary: string, csp: string): AnswerHeaders {
  let sets = headerSets.get(page);
  if (!sets) {
    sets = {};
    headerSets.set(page, sets);
  }
  if (datable(page)) {
    sets.dated ??= makeAnswerHeaders(page, true, vary, csp);
    return sets.dated;
  }
  sets.undated ??= makeAnswerHeaders(page, false, vary, csp);
  return sets.undated;
}

/**
 * Every header of a cached page's answers, the same whichever path answers it. The ETag is
 * weak, so it names the page whether brotli'd, gzipped or plain; `Vary` keeps caches from mixing them
 * (and, without PUBLIC_URL, pages for different origins).
 */
function makeAnswerHeaders(
  page: CachedPage,
  dated: boolean,
  vary: string,
  csp: string,
): AnswerHeaders {
  const notModified = Object.freeze({
    ETag: page.etag,
    ...(dated ? { "Last-Modified": page.lastModified.toUTCString() } : {}),
    "Cache-Control": PAGE_CACHE,
    Vary: vary,
    ...cacheTagHeaders(page.blogId),
    ...SECURITY_HEADERS,
  });
  const full = (body: Buffer, encoding: Record<string, string>) =>
    Object.freeze({
      ...notModified,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": csp,
      ...encoding,
      "Content-Length": String(body.length),
    });
  return {
    notModified,
    plain: full(page.body, {}),
    gzipped: full(page.gzipped, { "Content-Encoding": "gzip" }),
    brotli: full(page.brotli, { "Content-Encoding": "br" }),
  };
}
