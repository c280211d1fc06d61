// The client address the sign-in limiter counts failures against.
//
// Fastify works it out under the app's trustProxy (TRUST_PROXY): the socket's own address
// unless the peer is a proxy the operator named, and then the rightmost X-Forwarded-For entry
// no named proxy wrote. A client cannot choose its own address by sending the header, since
// entries left of our proxies' are never taken.

import { isIPv4 } from "node:net";
import type { FastifyRequest } from "fastify";

export function limiterAddress(request: FastifyRequest): string {
  return unmapped(request.ip ?? request.socket.remoteAddress ?? "unknown");
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
}
