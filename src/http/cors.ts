// Cross-origin reads for embeds: a partner's page (the script embed, or any client in a
// browser) may read a blog's public state. Anonymous GETs and HEADs of public reads (a blog,
// its posts, a post, its changes, its event streams, the reader pages and the embed's
// assets) answer `Access-Control-Allow-Origin: *`, without credentials; a preflight for
// them is answered too. A request that carries the newsroom's session cookie or an
// Authorization header never gets a CORS header, and neither does any newsroom route (the
// desk, writes, the app, sessions, users, tokens, audit, media library): those stay
// same-origin, whatever the asking page. The one write another origin may make is a reader's
// contribution (its challenge read, then the anonymous POST), for the script embed's form on a
// partner page: it names no newsroom user and must solve a fresh challenge like any other.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { SECURITY_HEADERS } from "./headers.js";
import { SESSION_COOKIE } from "./session-cookie.js";

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
};

/** Public reads, by path (query left out). Anything not matched here gets no CORS header. */
const PUBLIC_READS = [
  /^\/api\/blogs\/?$/,
  /^\/api\/blogs\/[^/]+\/?$/,
  /^\/api\/blogs\/[^/]+\/posts\/?$/,
  // A post, but not the newsroom's search (which shares the shape).
  /^\/api\/blogs\/[^/]+\/posts\/(?!search\/?$)[^/]+\/?$/,
  /^\/api\/blogs\/[^/]+\/changes\/?$/,
  /^\/api\/blogs\/[^/]+\/search\/?$/,
  /^\/api\/blogs\/[^/]+\/reader-messages\/?$/,
  /^\/api\/blogs\/[^/]+\/tags\/?$/,
  /^\/api\/blogs\/[^/]+\/events\/?$/,
  /^\/api\/events\/?$/,
  // Reader pages, the embed and feeds; never a newsroom preview.
  /^\/live(?:\/[^/]+(?:\/(?:embed|search|\d{4}-\d{2}-\d{2}|posts\/[^/]+|feed\.[a-z]+))?)?\/?$/,
  /^\/assets\/[^/]+$/,
  /^\/embed\.js$/,
  /^\/api\/blogs\/[^/]+\/contributions\/challenge\/?$/,
];

/** Anonymous sends another origin may make: a reader's contribution, and nothing else. */
const ANONYMOUS_SENDS = [/^\/api\/blogs\/[^/]+\/contributions\/?$/];

export function isAnonymousSend(url: string): boolean {
  const path = pathOf(url);
  return ANONYMOUS_SENDS.some((pattern) => pattern.test(path));
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

export function isPublicRead(url: string): boolean {
  const path = pathOf(url);
  if (!PUBLIC_READS.some((pattern) => pattern.test(path))) return false;
  // Drafts, submissions and scheduled posts are the newsroom's, even asked for anonymously.
  const status = new URLSearchParams(url.slice(path.length + 1)).get("status");
  return status === null || status === "published";
}

/** Whether the request carries the newsroom's credentials: a bearer token or its session. */
export function isCredentialed(headers: IncomingHttpHeaders): boolean {
  return headers.authorization !== undefined || hasSessionCookie(headers.cookie);
}

export function hasSessionCookie(cookie: string | undefined): boolean {
  return cookie?.includes(SESSION_COOKIE) ?? false;
}

/** Whether this request's answer may be read by a page on any origin. */
export function mayShareAnywhere(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
): boolean {
  if (url === undefined || isCredentialed(headers)) return false;
  if (method === "POST") return isAnonymousSend(url);
  return (method === "GET" || method === "HEAD") && isPublicRead(url);
}

/**
 * Answers a CORS preflight (OPTIONS with Access-Control-Request-Method) for a public read,
 * before any framework: true when answered. Only GET and HEAD are allowed, and only the
 * headers a reader's client sends (Last-Event-ID on a stream's reconnect, a revalidation).
 * A preflight asking for Authorization is a credentialed request: it gets no CORS answer.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "OPTIONS" || !req.headers["access-control-request-method"]) return false;
  const method = String(req.headers["access-control-request-method"]).toUpperCase();
  const asked = String(req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (isAnonymousSend(req.url ?? "")) return answerSendPreflight(res, method, asked);
  if (!isPublicRead(req.url ?? "")) return false;
  const allowed = new Set(["last-event-id", "if-none-match", "if-modified-since", "accept"]);
  const fine = (method === "GET" || method === "HEAD") && asked.every((h) => allowed.has(h));
  res.writeHead(204, {
    ...SECURITY_HEADERS,
    ...(fine
      ? {
          ...CORS_HEADERS,
          "Access-Control-Allow-Methods": "GET, HEAD",
          "Access-Control-Allow-Headers": "Last-Event-ID, If-None-Match, If-Modified-Since, Accept",
          "Access-Control-Max-Age": "86400",
        }
      : {}),
    "Cache-Control": "no-store",
  });
  res.end();
  return true;
}

/** A contribution's preflight: POST with a JSON body, nothing else (no Authorization). */
function answerSendPreflight(res: ServerResponse, method: string, asked: string[]): boolean {
  const fine = method === "POST" && asked.every((h) => h === "content-type" || h === "accept");
  res.writeHead(204, {
    ...SECURITY_HEADERS,
    ...(fine
      ? {
          ...CORS_HEADERS,
          "Access-Control-Allow-Methods": "POST",
          "Access-Control-Allow-Headers": "Content-Type, Accept",
          "Access-Control-Max-Age": "86400",
        }
      : {}),
    "Cache-Control": "no-store",
  });
  res.end();
  return true;
}

/** Adds the CORS header to every answer Fastify sends that may be shared. */
export function installCors(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply) => {
    if (mayShareAnywhere(request.method, request.url, request.headers)) reply.headers(CORS_HEADERS);
  });
}
