// The client address the sign-in limiter counts failures against.
//
// The app runs with `trustProxy: true`, so `request.ip` is the *leftmost* X-Forwarded-For
// entry, which the client writes itself: counting by it would let a guesser dodge the per-IP
// limit by sending a new header each time. Instead: when the connection comes from a private
// or loopback address (a reverse proxy on our side), take the entry that proxy appended, the
// rightmost; from anywhere else, take the socket's own address and ignore the header.

import { BlockList, isIPv4 } from "node:net";
import type { FastifyRequest } from "fastify";

const proxies = new BlockList();
proxies.addSubnet("127.0.0.0", 8, "ipv4");
proxies.addSubnet("10.0.0.0", 8, "ipv4");
proxies.addSubnet("172.16.0.0", 12, "ipv4");
proxies.addSubnet("192.168.0.0", 16, "ipv4");
proxies.addAddress("::1", "ipv6");
proxies.addSubnet("fc00::", 7, "ipv6");

export function limiterAddress(request: FastifyRequest): string {
  const peer = unmapped(request.socket.remoteAddress ?? "unknown");
  const forwarded = request.headers["x-forwarded-for"];
  if (!forwarded || !isProxy(peer)) return peer;
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? peer;
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function isProxy(address: string): boolean {
  try {
    return proxies.check(address, isIPv4(address) ? "ipv4" : "ipv6");
  } catch {
    return false; // not an IP address at all (a Unix socket): trust nothing it forwards
  }
}
