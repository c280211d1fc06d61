// Running the newsroom over real HTTP: admins add and change users, everyone manages their
// own API tokens (admins all of them), and the audit log says who did what and when.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;
let reporter: TestUser;

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
  admin = await server.userFor("admin", "Ada Admin");
  reporter = await server.userFor("reporter", "Rui Reporter");
});
afterAll(() => server.close());

describe("users", () => {
  it("adds a user with a generated password that signs in, and lists them", async () => {
    const email = `new-${process.pid}@newsroom.example`;
    const added = await server.api("POST", "/api/users", {
      token: admin.token,
      body: { email, role: "editor", name: "Nia New" },
    });
    expect(added.status).toBe(201);
    expect(added.json.user).toMatchObject({
      email,
      role: "editor",
      name: "Nia New",
      disabled: false,
    });
    expect(added.json.password).toEqual(expect.any(String));
    await expect(server.signIn(email, added.json.password)).resolves.toBeTruthy();

    const given = await server.api("POST", "/api/users", {
      token: admin.token,
      body: {
        email: `given-${process.pid}@newsroom.example`,
        role: "reporter",
        password: "a chosen password",
      },
    });
    expect(given.status).toBe(201);
    expect(given.json).not.toHaveProperty("password");

    const again = await server.api("POST", "/api/users", {
      token: admin.token,
      body: { email, role: "editor" },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "email_taken", field: "email" });

    const list = await server.api("GET", "/api/users", { token: admin.token });
    expect(list.status).toBe(200);
    const listed = list.json.users.find((u: { email: string }) => u.email === email);
    expect(Object.keys(listed).sort()).toEqual([
      "createdAt",
      "disabled",
      "email",
      "id",
      "mustChangePassword",
      "name",
      "role",
    ]);
  });

  it("renames and re-roles a user", async () => {
    const person = await server.userFor("reporter");
    const res = await server.api("PATCH", `/api/users/${person.id}`, {
      token: admin.token,
      body: { name: "Promoted Person", role: "editor" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: person.id, name: "Promoted Person", role: "editor" });
    const blog = await server.api("POST", "/api/blogs", {
      token: person.token,
      body: { slug: `promoted-${process.pid}`, title: "Now an editor" },
    });
    expect(blog.status).toBe(201);
  });

  it("does not let an admin disable themselves, nor demote the last admin", async () => {
    const disable = await server.api("PATCH", `/api/users/${admin.id}`, {
      token: admin.token,
      body: { disabled: true },
    });
    expect(disable.status).toBe(422);
    expect(disable.json.error).toMatchObject({ code: "validation_failed", field: "disabled" });
    const demote = await server.api("PATCH", `/api/users/${admin.id}`, {
      token: admin.token,
      body: { role: "editor" },
    });
    expect(demote.status).toBe(409);
    expect(demote.json.error).toMatchObject({ code: "last_admin", field: "role" });
    const missing = await server.api("PATCH", "/api/users/nobody", {
      token: admin.token,
      body: { name: "X" },
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("user_not_found");
  });
});

describe("tokens", () => {
  it("lets a reporter create, list and revoke their own tokens, and only see those", async () => {
    const made = await server.api("POST", "/api/tokens", {
      token: reporter.token,
      body: { label: "Wire script" },
    });
    expect(made.status).toBe(201);
    expect(made.json).toEqual({
      token: expect.stringMatching(/^dsp_/),
      id: expect.any(String),
      label: "Wire script",
    });
    const fresh = made.json.token as string;
    expect((await server.api("GET", "/api/tokens", { token: fresh })).status).toBe(200);

    const mine = await server.api("GET", "/api/tokens", { token: reporter.token });
    const owners = new Set(mine.json.tokens.map((t: { user: { id: string } }) => t.user.id));
    expect([...owners]).toEqual([reporter.id]);
    const listed = mine.json.tokens.find((t: { id: string }) => t.id === made.json.id);
    expect(listed).toEqual({
      id: made.json.id,
      label: "Wire script",
      user: { id: reporter.id, name: "Rui Reporter", email: reporter.email },
      createdAt: expect.any(String),
    });

    const all = await server.api("GET", "/api/tokens", { token: admin.token });
    const allOwners = new Set(all.json.tokens.map((t: { user: { id: string } }) => t.user.id));
    expect(allOwners.has(reporter.id) && allOwners.has(admin.id)).toBe(true);

    expect(
      (await server.api("DELETE", `/api/tokens/${made.json.id}`, { token: reporter.token })).status,
    ).toBe(204);
    expect((await server.api("GET", "/api/tokens", { token: fresh })).status).toBe(401);
    const after = await server.api("GET", "/api/tokens", { token: reporter.token });
    const revoked = after.json.tokens.find((t: { id: string }) => t.id === made.json.id);
    expect(Date.parse(revoked.revokedAt)).not.toBeNaN();
    expect(
      (await server.api("DELETE", `/api/tokens/${made.json.id}`, { token: reporter.token })).status,
    ).toBe(204);
    const unknown = await server.api("DELETE", "/api/tokens/nope", { token: reporter.token });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("token_not_found");
  });

  it("lets an admin issue a token that acts as another user", async () => {
    const made = await server.api("POST", "/api/tokens", {
      token: admin.token,
      body: { label: "For Rui", userId: reporter.id },
    });
    expect(made.status).toBe(201);
    const asReporter = await server.api("POST", "/api/blogs", {
      token: made.json.token,
      body: { slug: `nope-${process.pid}`, title: "Reporters cannot" },
    });
    expect(asReporter.status).toBe(403);
  });
});

describe("the audit log", () => {
  it("records sign-ins, publishing, tokens and failed sign-ins with who and when", async () => {
    const started = new Date().toISOString();
    const editor = await server.userFor("editor", "Eve Editor");
    const session = await server.signIn(editor.email, editor.password);
    const cookieHeaders = { cookie: session.cookie, "x-csrf-token": session.csrfToken };
    const slug = `audited-${process.pid}`;
    expect(
      (
        await server.api("POST", "/api/blogs", {
          body: { slug, title: "Audited" },
          headers: cookieHeaders,
        })
      ).status,
    ).toBe(201);
    const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
      body: { blocks: [paragraph("Published through the session")] },
      headers: cookieHeaders,
    });
    expect(post.status).toBe(201);
    const token = await server.api("POST", "/api/tokens", {
      body: { label: "Audited token" },
      headers: cookieHeaders,
    });
    await server.api("DELETE", `/api/tokens/${token.json.id}`, { headers: cookieHeaders });
    await server.api("POST", "/api/session", {
      body: { email: editor.email, password: "wrong password" },
      headers: { "x-forwarded-for": "192.0.2.77" },
    });

    const log = await server.api("GET", "/api/audit?limit=5", { token: admin.token });
    expect(log.status).toBe(200);
    const eve = { id: editor.id, name: "Eve Editor" };
    expect(log.json.entries.map((e: { action: string }) => e.action)).toEqual([
      "session.signin_failed",
      "token.revoke",
      "token.create",
      "post.publish",
      "blog.create",
    ]);
    const [failed, revoke, create, publish] = log.json.entries;
    expect(failed).toMatchObject({ actor: null, detail: { email: editor.email } });
    expect(revoke).toMatchObject({ actor: eve, detail: { tokenId: token.json.id } });
    expect(create).toMatchObject({
      actor: eve,
      detail: { tokenId: token.json.id, userId: editor.id },
    });
    expect(publish).toMatchObject({ actor: eve, blog: slug, postId: post.json.id });
    for (const entry of log.json.entries) expect(entry.at >= started).toBe(true);

    // The next page carries on where this one stopped, with the sign-in just before.
    expect(log.json.next).toEqual(expect.any(String));
    const older = await server.api("GET", `/api/audit?limit=1&before=${log.json.next}`, {
      token: admin.token,
    });
    expect(older.json.entries).toHaveLength(1);
    expect(older.json.entries[0]).toMatchObject({ action: "session.signin", actor: eve });
  });

  it("is for admins only", async () => {
    const res = await server.api("GET", "/api/audit", { token: reporter.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
  });
});
