// Guessing an editor's password must not lock the editor out, over real HTTP with each
// client on its own loopback address: a stranger's guesses slow down only that stranger's
// (email, address) pair, with growing delays; the owner signs in from elsewhere, and from
// anywhere at all with the recognised-device cookie an earlier sign-in left; and admins
// read one audit entry saying the email is being throttled.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieNamed, type FromAnswer, sendFrom } from "../helpers/from-address.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: string;
let hosts = 1;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.tokenFor("admin");
});
afterAll(() => server.close());

/** A loopback address no other test in this file has used. */
function newAddress(): string {
  hosts += 1;
  return `127.0.${Math.floor(hosts / 250)}.${(hosts % 250) + 2}`;
}

function signIn(from: string, email: string, password: string, cookie?: string) {
  return sendFrom(
    from,
    "POST",
    `${server.url}/api/session`,
    { email, password },
    cookie ? { cookie } : {},
  );
}

const retryAfter = (answer: FromAnswer) => Number(answer.headers["retry-after"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function throttleEntries(email: string) {
  const log = await server.api("GET", "/api/audit?action=session.throttled&limit=200", {
    token: admin,
  });
  expect(log.status).toBe(200);
  return log.json.entries.filter(
    (e: { action: string; detail?: { email?: string } }) =>
      e.action === "session.throttled" && e.detail?.email === email,
  );
}

describe("a stranger guessing an editor's password", () => {
  it("slows down the stranger's address only: the editor signs in from another", async () => {
    const editor = await server.userFor("editor");
    const stranger = newAddress();
    const answers: number[] = [];
    for (let i = 1; i <= 10; i++)
      answers.push((await signIn(stranger, editor.email, `guess ${i}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);

    const fromDesk = await signIn(newAddress(), editor.email, editor.password);
    expect(fromDesk.status).toBe(200);
    expect(fromDesk.json.user.email).toBe(editor.email);

    // Admins are told once, however many guesses were refused.
    const entries = await throttleEntries(editor.email);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: null,
      detail: { email: editor.email, address: stranger, count: 5 },
    });
  });

  it("makes the stranger wait longer after each further failure", async () => {
    const editor = await server.userFor("editor");
    const stranger = newAddress();
    for (let i = 1; i <= 5; i++)
      expect((await signIn(stranger, editor.email, `guess ${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await signIn(stranger, editor.email, "another guess");
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe("too_many_attempts");
      waits.push(retryAfter(refused));
      if (round === 2) break;
      await sleep(retryAfter(refused) * 1000 + 50);
      expect((await signIn(stranger, editor.email, `late guess ${round}`)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    // Still one entry for the email: the audit is told when throttling starts, not per guess.
    expect(await throttleEntries(editor.email)).toHaveLength(1);
  }, 15_000);
});

describe("the recognised-device cookie", () => {
  it("is set on sign-in: long-lived, HttpOnly, SameSite=Strict, only for /api/session", async () => {
    const editor = await server.userFor("editor");
    const answer = await signIn(newAddress(), editor.email, editor.password);
    expect(answer.status).toBe(200);
    const line = answer.cookies.find((c) => c.startsWith("dispatch_device="));
    expect(line).toBeDefined();
    const attributes = (line ?? "").split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=strict");
    expect(attributes).toContain("path=/api/session");
    expect(attributes).not.toContain("secure"); // this server is plain http
    const maxAge = Number(attributes.find((a) => a.startsWith("max-age="))?.slice(8));
    expect(maxAge).toBeGreaterThanOrEqual(90 * 24 * 60 * 60);
    // It names a user; it is no session: alone it signs nobody in.
    const device = cookieNamed(answer, "dispatch_device") ?? "";
    const who = await sendFrom(newAddress(), "GET", `${server.url}/api/session`, undefined, {
      cookie: device,
    });
    expect(who.status).toBe(401);
  });

  it("lets the owner sign in from the stranger's own address, and past a distributed attack", async () => {
    const editor = await server.userFor("editor");
    const device = cookieNamed(
      await signIn(newAddress(), editor.email, editor.password),
      "dispatch_device",
    );
    expect(device).toBeDefined();
    const other = await server.userFor("editor");
    const othersDevice = cookieNamed(
      await signIn(newAddress(), other.email, other.password),
      "dispatch_device",
    );

    // Strangers on four addresses, 5 guesses each: 20 in all, the email's ceiling for
    // devices it does not recognise. The last of them keeps its address.
    let stranger = "";
    for (let i = 0; i < 4; i++) {
      stranger = newAddress();
      for (let g = 0; g < 5; g++)
        expect((await signIn(stranger, editor.email, `guess ${i}.${g}`)).status).toBe(401);
    }
    // Refusals cost no password check, so these land well inside the first 1 s delay.
    expect((await signIn(stranger, editor.email, editor.password)).status).toBe(429);
    const unknownDevice = await signIn(newAddress(), editor.email, editor.password);
    expect(unknownDevice.status).toBe(429);
    expect(retryAfter(unknownDevice)).toBeGreaterThan(0);
    // A cookie altered by hand, or one naming someone else, is not recognised.
    expect((await signIn(stranger, editor.email, editor.password, othersDevice)).status).toBe(429);
    const forged = `${device?.slice(0, -2)}${device?.endsWith("AA") ? "BB" : "AA"}`;
    expect((await signIn(stranger, editor.email, editor.password, forged)).status).toBe(429);

    const owner = await signIn(stranger, editor.email, editor.password, device);
    expect(owner.status).toBe(200);
    expect(owner.json.user.email).toBe(editor.email);
  });

  it("is throttled by its own failures only", async () => {
    const editor = await server.userFor("editor");
    const from = newAddress();
    const device = cookieNamed(
      await signIn(from, editor.email, editor.password),
      "dispatch_device",
    );
    for (let i = 1; i <= 5; i++)
      expect((await signIn(from, editor.email, `typo ${i}`, device)).status).toBe(401);
    const sixth = await signIn(from, editor.email, editor.password, device);
    expect(sixth.status).toBe(429);
    expect(retryAfter(sixth)).toBe(1);
  });
});
