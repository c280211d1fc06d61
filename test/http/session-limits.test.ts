// The sign-in limiter over real HTTP, each client on its own loopback address: 5 failures for
// one email from one address, then 429 with Retry-After for that pair even with the right
// password; 20 failures from one address across emails slow that address down; no overshoot
// when guesses arrive all at once; wrong current passwords on a password change count too.
// (Strangers not holding the owner back: sign-in-devices.test.ts.)

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFrom } from "../helpers/from-address.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let hosts = 1;

beforeAll(async () => {
  // Behind a proxy on loopback, which tells us each guesser's address.
  server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
});
afterAll(() => server.close());

function newAddress(): string {
  hosts += 1;
  return `127.1.${Math.floor(hosts / 250)}.${(hosts % 250) + 2}`;
}

function attempt(email: string, password: string, address: string) {
  return sendFrom(address, "POST", `${server.url}/api/session`, { email, password });
}

describe("too many failed sign-ins for one email from one address", () => {
  it("refuses the 6th attempt with 429 and Retry-After, even with the right password", async () => {
    const editor = await server.userFor("editor");
    const address = newAddress();
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(editor.email, `wrong ${i}`, address);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await attempt(editor.email, "wrong 6", address);
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe("too_many_attempts");
    expect(sixth.headers["retry-after"]).toBe("1");

    const right = await attempt(editor.email, editor.password, address);
    expect(right.status).toBe(429);
    // Someone else signing in from the same address is not held up by this pair's throttle.
    const other = await server.userFor("editor");
    expect((await attempt(other.email, other.password, address)).status).toBe(200);
  });

  it("forgets a pair's failures once its owner signs in", async () => {
    const reporter = await server.userFor("reporter");
    const address = newAddress();
    for (let i = 0; i < 4; i++) await attempt(reporter.email, "typo", address);
    expect((await attempt(reporter.email, reporter.password, address)).status).toBe(200);
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(reporter.email, "typo", address);
      expect(res.status, `failure ${i} after the reset`).toBe(401);
    }
    expect((await attempt(reporter.email, "typo", address)).status).toBe(429);
  });

  it("lets no more than 5 of many simultaneous guesses be checked", async () => {
    const admin = await server.userFor("admin");
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(admin.email, `guess ${i}`, address)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("counts wrong current passwords on a password change too", async () => {
    const editor = await server.userFor("editor");
    const address = newAddress();
    for (let i = 1; i <= 5; i++) {
      const res = await sendFrom(
        address,
        "POST",
        `${server.url}/api/session/password`,
        { currentPassword: `guess ${i}`, newPassword: "a long new password" },
        { authorization: `Bearer ${editor.token}` },
      );
      expect(res.status).toBe(422);
    }
    expect((await attempt(editor.email, editor.password, address)).status).toBe(429);
  });
});

describe("too many failed sign-ins from one address", () => {
  it("slows the address down after 20 failures across emails, and only that address", async () => {
    const address = newAddress();
    for (let i = 1; i <= 20; i++) {
      const res = await attempt(`stranger${i}@newsroom.example`, "guess", address);
      expect(res.status, `failure ${i}`).toBe(401);
    }
    const editor = await server.userFor("editor");
    const slowed = await attempt(editor.email, editor.password, address);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
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
