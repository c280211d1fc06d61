// Signing in to the newsroom app over real HTTP: the session cookie, CSRF on cookie writes,
// signing out, changing passwords, expiry, and disabled users.

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let addresses = 0;

beforeAll(async () => {
  // Behind a proxy on loopback (TRUST_PROXY), which says each client's address and scheme.
  server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
});
afterAll(() => server.close());

/** A fresh client address per test, so the per-address sign-in limit never couples tests. */
function fromNewAddress(): Record<string, string> {
  addresses += 1;
  return { "x-forwarded-for": `198.51.100.${addresses}` };
}

function withSession(session: { cookie: string; csrfToken?: string }): Record<string, string> {
  return {
    cookie: session.cookie,
    ...(session.csrfToken ? { "x-csrf-token": session.csrfToken } : {}),
  };
}

const newBlog = () => ({ slug: `s-${Math.random().toString(36).slice(2, 10)}`, title: "Storm" });
const sessionId = (cookie: string) =>
  createHash("sha256")
    .update(cookie.split("=")[1] ?? "")
    .digest("hex");

describe("signing in", () => {
  it("sets an HttpOnly, SameSite session cookie and answers with the user and a CSRF token", async () => {
    const editor = await server.userFor("editor", "Dana Editor");
    const res = await server.api("POST", "/api/session", {
      body: { email: editor.email.toUpperCase(), password: editor.password },
      headers: fromNewAddress(),
    });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({
      id: editor.id,
      email: editor.email,
      name: "Dana Editor",
      role: "editor",
      mustChangePassword: false,
    });
    expect(res.json.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^dispatch_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Max-Age=${14 * 24 * 3600}`);
    expect(cookie).not.toContain("Secure");
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const editor = await server.userFor("editor");
    const res = await server.api("POST", "/api/session", {
      body: { email: editor.email, password: editor.password },
      headers: { ...fromNewAddress(), "x-forwarded-proto": "https" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join("\n")).toContain("Secure");
  });

  it("reads the signed-in user back with the cookie, and refuses without it", async () => {
    const reporter = await server.userFor("reporter");
    const session = await server.signIn(reporter.email, reporter.password);
    const res = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: {
        id: reporter.id,
        email: reporter.email,
        name: expect.any(String),
        role: "reporter",
        mustChangePassword: false,
      },
      csrfToken: session.csrfToken,
    });
    const anonymous = await server.api("GET", "/api/session");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("unauthorized");
  });

  it("answers 'who am I, if anyone' without an error when asked optionally", async () => {
    const anonymous = await server.api("GET", "/api/session?optional=true");
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toEqual({ user: null, csrfToken: null });
    const reporter = await server.userFor("reporter");
    const session = await server.signIn(reporter.email, reporter.password);
    const res = await server.api("GET", "/api/session?optional=true", {
      headers: withSession(session),
    });
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(reporter.id);
    expect(res.json.csrfToken).toBe(session.csrfToken);
  });

  it("gives the same 401 for a wrong password and for an unknown email", async () => {
    const editor = await server.userFor("editor");
    const wrongPassword = await server.api("POST", "/api/session", {
      body: { email: editor.email, password: "not the password" },
      headers: fromNewAddress(),
    });
    const unknownEmail = await server.api("POST", "/api/session", {
      body: { email: "nobody@newsroom.example", password: editor.password },
      headers: fromNewAddress(),
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.json.error.code).toBe("invalid_credentials");
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.json).toEqual(wrongPassword.json);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });
});

describe("CSRF", () => {
  it("refuses a cookie write without the token or with a wrong one, and allows the right one", async () => {
    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const missing = await server.api("POST", "/api/blogs", {
      body: newBlog(),
      headers: { cookie: session.cookie },
    });
    expect(missing.status).toBe(403);
    expect(missing.json.error.code).toBe("csrf_failed");
    const wrong = await server.api("POST", "/api/blogs", {
      body: newBlog(),
      headers: withSession({ cookie: session.cookie, csrfToken: `${session.csrfToken}x` }),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe("csrf_failed");
    const right = await server.api("POST", "/api/blogs", {
      body: newBlog(),
      headers: withSession(session),
    });
    expect(right.status).toBe(201);
  });

  it("needs no CSRF token for bearer writes", async () => {
    const editor = await server.userFor("editor");
    const res = await server.api("POST", "/api/blogs", { token: editor.token, body: newBlog() });
    expect(res.status).toBe(201);
  });
});

describe("signing out", () => {
  it("ends the session so the cookie no longer works", async () => {
    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const forged = await server.api("DELETE", "/api/session", {
      headers: { cookie: session.cookie },
    });
    expect(forged.status).toBe(403);
    const out = await server.api("DELETE", "/api/session", { headers: withSession(session) });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join("\n")).toMatch(/dispatch_session=;.*Max-Age=0/);
    expect(
      (await server.api("GET", "/api/session", { headers: withSession(session) })).status,
    ).toBe(401);
    const write = await server.api("POST", "/api/blogs", {
      body: newBlog(),
      headers: withSession(session),
    });
    expect(write.status).toBe(401);
  });
});

describe("changing the password", () => {
  it("retires the old password and ends the user's other sessions, keeping this one", async () => {
    const reporter = await server.userFor("reporter");
    const here = await server.signIn(reporter.email, reporter.password);
    const elsewhere = await server.signIn(reporter.email, reporter.password);
    const tooShort = await server.api("POST", "/api/session/password", {
      body: { currentPassword: reporter.password, newPassword: "short" },
      headers: withSession(here),
    });
    expect(tooShort.status).toBe(422);
    expect(tooShort.json.error.field).toBe("newPassword");
    const wrongCurrent = await server.api("POST", "/api/session/password", {
      body: { currentPassword: "a wrong guess", newPassword: "a brand new password" },
      headers: withSession(here),
    });
    expect(wrongCurrent.status).toBe(422);
    expect(wrongCurrent.json.error.field).toBe("currentPassword");

    const changed = await server.api("POST", "/api/session/password", {
      body: { currentPassword: reporter.password, newPassword: "a brand new password" },
      headers: withSession(here),
    });
    expect(changed.status).toBe(204);
    expect((await server.api("GET", "/api/session", { headers: withSession(here) })).status).toBe(
      200,
    );
    const other = await server.api("GET", "/api/session", { headers: withSession(elsewhere) });
    expect(other.status).toBe(401);
    const old = await server.api("POST", "/api/session", {
      body: { email: reporter.email, password: reporter.password },
      headers: fromNewAddress(),
    });
    expect(old.status).toBe(401);
    await expect(server.signIn(reporter.email, "a brand new password")).resolves.toMatchObject({
      csrfToken: expect.any(String),
    });
  });
});

describe("session lifetime", () => {
  it("refuses a session past its expiry", async () => {
    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const past = new Date(Date.now() - 1000).toISOString();
    await server.dispatch.store.touchSession(sessionId(session.cookie), past, past);
    const res = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(res.status).toBe(401);
  });

  it("slides the expiry forward and renews the cookie while the session is used", async () => {
    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const id = sessionId(session.cookie);
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    const soon = new Date(Date.now() + 3600_000).toISOString();
    await server.dispatch.store.touchSession(id, twoMinutesAgo, soon);
    const res = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join("\n")).toContain(session.cookie);
    const stored = await server.dispatch.store.findSession(id);
    expect(Date.parse(stored?.session.expiresAt ?? "")).toBeGreaterThan(
      Date.now() + 13 * 24 * 3600_000,
    );
    // Within the minute, a second request writes nothing and sets no cookie.
    const again = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});

describe("public pages seen while signed in", () => {
  it("marks an answer that renews the session cookie private, so no shared cache keeps it", async () => {
    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const blog = newBlog();
    await server.api("POST", "/api/blogs", { headers: withSession(session), body: blog });
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    const soon = new Date(Date.now() + 3600_000).toISOString();
    await server.dispatch.store.touchSession(sessionId(session.cookie), twoMinutesAgo, soon);
    const page = await fetch(`${server.url}/live/${blog.slug}`, { headers: withSession(session) });
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().join("\n")).toContain(session.cookie);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    // The same page without a renewal is public as usual.
    const again = await fetch(`${server.url}/live/${blog.slug}`, { headers: withSession(session) });
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.headers.get("cache-control")).toMatch(/^public/);
  });
});

describe("disabled users", () => {
  it("cannot sign in, and their session and token stop working", async () => {
    const admin = await server.userFor("admin");
    const reporter = await server.userFor("reporter");
    const session = await server.signIn(reporter.email, reporter.password);
    const disabled = await server.api("PATCH", `/api/users/${reporter.id}`, {
      token: admin.token,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.json.disabled).toBe(true);

    const signIn = await server.api("POST", "/api/session", {
      body: { email: reporter.email, password: reporter.password },
      headers: fromNewAddress(),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.json.error.code).toBe("user_disabled");
    const viaSession = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(viaSession.status).toBe(401);
    const viaToken = await server.api("GET", "/api/tokens", { token: reporter.token });
    expect(viaToken.status).toBe(401);

    // Re-enabled, the token works again; the ended session does not come back.
    await server.api("PATCH", `/api/users/${reporter.id}`, {
      token: admin.token,
      body: { disabled: false },
    });
    expect((await server.api("GET", "/api/tokens", { token: reporter.token })).status).toBe(200);
    expect(
      (await server.api("GET", "/api/session", { headers: withSession(session) })).status,
    ).toBe(401);
  });
});
