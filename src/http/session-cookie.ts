// The session cookie `dispatch_session`: reading it from a request and setting or clearing it
// on a reply. HttpOnly so page scripts never see it; SameSite=Lax so other sites' forms and
// scripts do not carry it on writes; Secure whenever the request came over https.

import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_LIFETIME_MS } from "../core/operations/sessions.js";

export const SESSION_COOKIE = "dispatch_session";

/** The cookie's value, or undefined when the request has none. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    // RFC 6265 allows a quoted value; ours is base64url and never needs decoding.
    return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
): void {
  reply.header("set-cookie", cookie(request, value, Math.floor(SESSION_LIFETIME_MS / 1000)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("set-cookie", cookie(request, "", 0));
}

function cookie(request: FastifyRequest, value: string, maxAge: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly"];
  parts.push("SameSite=Lax");
  // request.protocol honours X-Forwarded-Proto (the app trusts its proxy).
  if (request.protocol === "https") parts.push("Secure");
  return parts.join("; ");
}
