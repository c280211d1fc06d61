// The sign-in limiter over real HTTP: 5 failures per email and 20 per client address in 15
// minutes, then 429 with Retry-After, even for the right password; and no overshoot when
// guesses arrive all at once.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let addresses = 0;

beforeAll(async () => {
  // Behind a proxy on loopback, which tells us each guesser's address.
  server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
});
afterAll(() => server.close());

function newAddress(): string {
  addresses += 1;
  return `203.0.113.${addresses}`;
}

function attempt(email: string, password: string, address: string) {
  return server.api("POST", "/api/session", {
    body: { email, password },
    headers: { "x-forwarded-for": address },
  });
}

describe("too many failed sign-ins for one email", () => {
  it("refuses the 6th attempt with 429 and Retry-After, even with the right password", async () => {
    const editor = await server.userFor("editor");
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(editor.email, `wrong ${i}`, newAddress());
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await attempt(editor.email, "wrong 6", newAddress());
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe("too_many_attempts");
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);

    const right = await attempt(editor.email, editor.password, newAddress());
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).not.toBeNull();
    // Someone else signing in from the same address is not held up by this email's lockout.
    const other = await server.userFor("editor");
    expect((await attempt(other.email, other.password, newAddress())).status).toBe(200);
  });

  it("forgets an email's failures once its owner signs in", async () => {
    const reporter = await server.userFor("reporter");
    for (let i = 0; i < 4; i++) await attempt(reporter.email, "typo", newAddress());
    expect((await attempt(reporter.email, reporter.password, newAddress())).status).toBe(200);
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(reporter.email, "typo", newAddress());
      expect(res.status, `failure ${i} after the reset`).toBe(401);
    }
    expect((await attempt(reporter.email, "typo", newAddress())).status).toBe(429);
  });

  it("lets no more than 5 of many simultaneous guesses be checked", async () => {
    const admin = await server.userFor("admin");
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(admin.email, `guess ${i}`, newAddress())),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("counts wrong current passwords on a password change too", async () => {
    const editor = await server.userFor("editor");
    for (let i = 1; i <= 5; i++) {
      const res = await server.api("POST", "/api/session/password", {
        token: editor.token,
        body: { currentPassword: `guess ${i}`, newPassword: "a long new password" },
        headers: { "x-forwarded-for": newAddress() },
      });
      expect(res.status).toBe(422);
    }
    expect((await attempt(editor.email, editor.password, newAddress())).status).toBe(429);
  });
});

describe("too many failed sign-ins from one address", () => {
  it("refuses the address after 20 failures across emails, and only that address", async () => {
    const address = newAddress();
    for (let i = 1; i <= 20; i++) {
      const res = await attempt(`stranger${i}@newsroom.example`, "guess", address);
      expect(res.status, `failure ${i}`).toBe(401);
    }
    const editor = await server.userFor("editor");
    const blocked = await attempt(editor.email, editor.password, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt(editor.email, editor.password, newAddress())).status).toBe(200);
  });

  it("does not count successful sign-ins against the address", async () => {
    const address = newAddress();
    const editor = await server.userFor("editor");
    for (let i = 0; i < 25; i++) {
      expect((await attempt(editor.email, editor.password, address)).status).toBe(200);
    }
  });
});
