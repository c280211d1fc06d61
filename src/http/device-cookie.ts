// The recognised-device cookie `dispatch_device` (see core/operations/recognised-devices.ts):
// read on sign-in, set after a successful one. Sent only to /api/session, never to scripts
// (HttpOnly), never on another site's request (SameSite=Strict), Secure over https. It is
// not a session: it signs nobody in, it only spares its owner the throttles strangers built.

import type { FastifyReply, FastifyRequest } from "fastify";
import { DEVICE_LIFETIME_MS } from "../core/operations/recognised-devices.js";

export const DEVICE_COOKIE = "dispatch_device";

/** The cookie's value, or undefined when the request has none. */
export function readDeviceCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== DEVICE_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  const parts = [
    `${DEVICE_COOKIE}=${value}`,
    "Path=/api/session",
    `Max-Age=${Math.floor(DEVICE_LIFETIME_MS / 1000)}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  // request.protocol honours X-Forwarded-Proto from the proxy the app trusts.
  if (request.protocol === "https") parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
}
