// The recognised-device cookie's attributes on a real Fastify app: Secure exactly when the
// request came over https, and read back from a Cookie header among others.

import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { readDeviceCookie, setDeviceCookie } from "./device-cookie.js";

async function answer(headers: Record<string, string>) {
  const app = Fastify({ trustProxy: true });
  app.post("/api/session", async (request, reply) => {
    setDeviceCookie(request, reply, "claim.signature");
    return { read: readDeviceCookie(request) ?? null };
  });
  try {
    return await app.inject({ method: "POST", url: "/api/session", headers });
  } finally {
    await app.close();
  }
}

describe("the recognised-device cookie", () => {
  it("is Secure over https only, Strict, HttpOnly and kept to /api/session", async () => {
    const plain = String((await answer({})).headers["set-cookie"]);
    expect(plain).toMatch(/^dispatch_device=claim\.signature; Path=\/api\/session; Max-Age=\d+/);
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Strict");
    expect(plain).not.toContain("Secure");
    const secure = String((await answer({ "x-forwarded-proto": "https" })).headers["set-cookie"]);
    expect(secure).toContain("; Secure");
  });

  it("is read from among other cookies", async () => {
    const res = await answer({ cookie: 'a=1; dispatch_device="v.s"; dispatch_session=x' });
    expect(res.json()).toEqual({ read: "v.s" });
  });
});
