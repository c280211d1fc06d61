// Which address the sign-in limiter counts: a client cannot choose its own by sending
// X-Forwarded-For, but a reverse proxy on a private address can tell us the real one.

import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { limiterAddress } from "./client-address.js";

function request(peer: string, forwarded?: string): FastifyRequest {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
  } as unknown as FastifyRequest;
}

describe("limiterAddress", () => {
  it("ignores X-Forwarded-For from a public peer, which could write anything there", () => {
    expect(limiterAddress(request("203.0.113.9", "1.2.3.4"))).toBe("203.0.113.9");
  });

  it("takes the entry our proxy appended, not the ones the client sent before it", () => {
    expect(limiterAddress(request("10.0.0.2", "1.2.3.4, 198.51.100.7"))).toBe("198.51.100.7");
    expect(limiterAddress(request("::ffff:127.0.0.1", "198.51.100.8"))).toBe("198.51.100.8");
    expect(limiterAddress(request("::1", "2001:db8::1"))).toBe("2001:db8::1");
  });

  it("uses the peer when no proxy forwarded anything", () => {
    expect(limiterAddress(request("::ffff:192.168.1.20"))).toBe("192.168.1.20");
  });
});
