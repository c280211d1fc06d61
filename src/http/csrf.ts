// CSRF protection for cookie-authenticated writes: the browser must echo the session's token
// in X-CSRF-Token, which another site's page can neither read nor send. Bearer requests are
// exempt (a browser never attaches that header on its own), and so is signing in, which
// proves itself with the password and must work whatever stale cookie the browser holds.

import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function needsCsrfToken(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  return !(request.method === "POST" && request.routeOptions.url === "/api/session");
}

/** Whether the request's X-CSRF-Token is the session's, compared in constant time. */
export function csrfTokenMatches(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers["x-csrf-token"];
  if (typeof sent !== "string" || sent.length === 0) return false;
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  return timingSafeEqual(digest(sent), digest(expected));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
