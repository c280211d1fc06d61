// Sign-in at the edges, over real HTTP: only a JSON body is read (a text/plain form post is
// what a cross-site page can send without asking, so it is 415); forwarding headers count
// only from the proxies TRUST_PROXY names, so a client on loopback or a private network cannot
// pick the address the sign-in limiter counts; and a password hashed at an older, cheaper
// scrypt cost still signs in and is re-hashed at today's.

import { randomBytes, scryptSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import { ErrorJson } from "../../src/http/schemas.js";
import { startTestServer, TEST_PASSWORD_COST, type TestServer } from "../helpers/server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("a sign-in body that is not JSON", () => {
  it.each([
    ["text/plain", '{"email":"a@b.example","password":"x"}'],
    ["text/plain; charset=utf-8", '{"email":"a@b.example","password":"x"}'],
    ["application/x-www-form-urlencoded", "email=a%40b.example&password=x"],
  ])("is 415 for %s", async (type, body) => {
    const user = await server.userFor("reporter");
    const answer = await server.api("POST", "/api/session", {
      body: body.replace("a@b.example", user.email).replace('"x"', JSON.stringify(user.password)),
      headers: { "content-type": type },
    });
    expect(answer.status).toBe(415);
    expect(ErrorJson.parse(answer.json).error.code).toBe("unsupported_media_type");
    expect(answer.headers.get("set-cookie")).toBeNull();
  });
});

describe("a password hashed at the old scrypt cost (N = 2^14)", () => {
  /** The stored form as Dispatch wrote it before: scrypt$N$r$p$salt$key. */
  function oldHash(password: string): string {
    const salt = randomBytes(16);
    const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    return ["scrypt", 2 ** 14, 8, 1, salt.toString("base64url"), key.toString("base64url")].join(
      "$",
    );
  }

  it("signs in, and is replaced by a hash at N = 2^17 that signs in too", async () => {
    const user = await server.userFor("editor");
    const store = server.dispatch.store;
    const before = await store.findUserByEmail(user.email);
    await store.updateUser({ ...before!, passwordHash: oldHash(user.password) });
    setPasswordCostForTests(undefined);
    try {
      const first = await server.api("POST", "/api/session", {
        body: { email: user.email, password: user.password },
      });
      expect(first.status).toBe(200);
      const upgraded = (await store.findUserByEmail(user.email))?.passwordHash ?? "";
      expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      const again = await server.api("POST", "/api/session", {
        body: { email: user.email, password: user.password },
      });
      expect(again.status).toBe(200);
      expect((await store.findUserByEmail(user.email))?.passwordHash).toBe(upgraded);
    } finally {
      setPasswordCostForTests(TEST_PASSWORD_COST);
    }
  }, 60_000);
});

// Before the limit tests below, which use up loopback's sign-ins on the default server.
describe("X-Forwarded-Proto", () => {
  it("does not make the session cookie Secure unless a named proxy sent it", async () => {
    const user = await server.userFor("reporter");
    const answer = await server.api("POST", "/api/session", {
      body: { email: user.email, password: user.password },
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.60" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

/** The per-address limit (sign-in-limiter.ts): this many failures, then 429. */
const PER_ADDRESS = 20;
let guesses = 0;

/** A failed sign-in for a fresh email (so the per-email limit never bites) "from" `forwarded`. */
function guess(on: TestServer, forwarded: string) {
  guesses += 1;
  return on.api("POST", "/api/session", {
    body: { email: `nobody${guesses}@guess.example`, password: "wrong password" },
    headers: { "x-forwarded-for": forwarded },
  });
}

describe("X-Forwarded-For and the per-address sign-in limit", () => {
  it("is ignored by default, even from loopback: every guess counts against the peer", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= PER_ADDRESS + 1; i++)
      statuses.push((await guess(server, `198.51.100.${i}`)).status);
    expect(statuses.slice(0, PER_ADDRESS).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("names the client when the peer is a proxy TRUST_PROXY names", async () => {
    const behindProxy = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
    try {
      for (let i = 1; i <= PER_ADDRESS + 1; i++)
        expect((await guess(behindProxy, `203.0.113.${i}`)).status).toBe(401);
      // The address is the one the proxy appended: entries the client wrote before it change
      // nothing, so one client is still stopped after its 20 guesses.
      for (let i = 1; i <= PER_ADDRESS; i++)
        expect((await guess(behindProxy, `10.9.9.${i}, 192.0.2.50`)).status).toBe(401);
      expect((await guess(behindProxy, "10.9.9.99, 192.0.2.50")).status).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });
});

describe("TRUST_PROXY", () => {
  const read = (value: string) => loadConfig({}, { TRUST_PROXY: value }).trustProxy;

  it("trusts nobody unless set, and reads addresses, CIDR ranges or a hop count", () => {
    expect(loadConfig({}, {}).trustProxy).toBe(false);
    expect(read("")).toBe(false);
    expect(read("1")).toBe(1);
    expect(read("10.0.0.5, 10.1.0.0/16,::1")).toEqual(["10.0.0.5", "10.1.0.0/16", "::1"]);
  });

  it("stops start-up on anything else, naming the setting", () => {
    for (const bad of ["true", "10.0.0.300", "10.0.0.0/33", "proxy.internal"])
      expect(() => read(bad)).toThrow(ConfigError);
    expect(() => read("yes")).toThrow(/TRUST_PROXY/);
  });
});
