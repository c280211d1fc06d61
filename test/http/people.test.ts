// Managing the newsroom's people over real HTTP: an admin changes roles (never leaving the
// newsroom without an admin) and resets passwords to temporary ones that must be changed before
// anything else; sessions end where the newsroom expects them to, and the audit log says so.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.userFor("admin", "Ada Admin");
});
afterAll(() => server.close());

function withSession(session: { cookie: string; csrfToken: string }): Record<string, string> {
  return { cookie: session.cookie, "x-csrf-token": session.csrfToken };
}

const newBlog = () => ({ slug: `p-${Math.random().toString(36).slice(2, 10)}`, title: "Floods" });

describe("changing a role", () => {
  it("ends a demoted user's sessions at once; their token keeps working with the new role", async () => {
    const editor = await server.userFor("editor", "Eli Editor");
    const session = await server.signIn(editor.email, editor.password);
    expect(
      (await server.api("POST", "/api/blogs", { token: editor.token, body: newBlog() })).status,
    ).toBe(201);

    const demoted = await server.api("PATCH", `/api/users/${editor.id}`, {
      token: admin.token,
      body: { role: "reporter" },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.json).toMatchObject({
      id: editor.id,
      role: "reporter",
      mustChangePassword: false,
    });
    expect(
      (await server.api("GET", "/api/session", { headers: withSession(session) })).status,
    ).toBe(401);
    const asReporter = await server.api("POST", "/api/blogs", {
      token: editor.token,
      body: newBlog(),
    });
    expect(asReporter.status).toBe(403);
    expect(asReporter.json.error.code).toBe("forbidden");
    expect((await server.api("GET", "/api/tokens", { token: editor.token })).status).toBe(200);
  });

  it("keeps a promoted user's sessions, which act with the new role at once", async () => {
    const reporter = await server.userFor("reporter");
    const session = await server.signIn(reporter.email, reporter.password);
    const promoted = await server.api("PATCH", `/api/users/${reporter.id}`, {
      token: admin.token,
      body: { role: "editor" },
    });
    expect(promoted.status).toBe(200);
    const me = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(me.json.user.role).toBe("editor");
    const blog = await server.api("POST", "/api/blogs", {
      headers: withSession(session),
      body: newBlog(),
    });
    expect(blog.status).toBe(201);
  });

  it("refuses to leave the newsroom without an active admin, and lets an admin step down when another remains", async () => {
    // A newsroom of its own, so the admins counted are only these.
    const newsroom = await startTestServer();
    try {
      const first = await newsroom.userFor("admin", "First Admin");
      const firstSession = await newsroom.signIn(first.email, first.password);
      const alone = await newsroom.api("PATCH", `/api/users/${first.id}`, {
        token: first.token,
        body: { role: "editor" },
      });
      expect(alone.status).toBe(409);
      expect(alone.json.error).toMatchObject({ code: "last_admin", field: "role" });
      expect(alone.json.error.message).toMatch(/last admin/);

      // A disabled admin does not count: the newsroom could not be run by them.
      const second = await newsroom.userFor("admin", "Second Admin");
      expect(
        (
          await newsroom.api("PATCH", `/api/users/${second.id}`, {
            token: first.token,
            body: { disabled: true },
          })
        ).status,
      ).toBe(200);
      const stillAlone = await newsroom.api("PATCH", `/api/users/${first.id}`, {
        token: first.token,
        body: { role: "reporter" },
      });
      expect(stillAlone.status).toBe(409);
      expect(stillAlone.json.error.code).toBe("last_admin");

      await newsroom.api("PATCH", `/api/users/${second.id}`, {
        token: first.token,
        body: { disabled: false },
      });
      const steppedDown = await newsroom.api("PATCH", `/api/users/${first.id}`, {
        headers: withSession(firstSession),
        body: { role: "editor" },
      });
      expect(steppedDown.status).toBe(200);
      expect(steppedDown.json.role).toBe("editor");
      expect(
        (await newsroom.api("GET", "/api/session", { headers: withSession(firstSession) })).status,
      ).toBe(401);
      expect((await newsroom.api("GET", "/api/users", { token: first.token })).status).toBe(403);
      // Now the second admin is the last one, and cannot be demoted by anyone.
      const last = await newsroom.api("PATCH", `/api/users/${second.id}`, {
        token: second.token,
        body: { role: "editor" },
      });
      expect(last.json.error.code).toBe("last_admin");
    } finally {
      await newsroom.close();
    }
  });
});

describe("resetting a password", () => {
  it("ends the user's sessions; the temporary password signs in but must be changed before any other write", async () => {
    const reporter = await server.userFor("reporter", "Rhea Reporter");
    const before = await server.signIn(reporter.email, reporter.password);
    const reset = await server.api("POST", `/api/users/${reporter.id}/password`, {
      token: admin.token,
      body: {},
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.get("cache-control")).toBe("no-store");
    expect(reset.json.user).toMatchObject({ id: reporter.id, mustChangePassword: true });
    const temporary: string = reset.json.password;
    expect(temporary).toMatch(/^\S{10,}$/);

    expect((await server.api("GET", "/api/session", { headers: withSession(before) })).status).toBe(
      401,
    );
    const old = await server.api("POST", "/api/session", {
      body: { email: reporter.email, password: reporter.password },
    });
    expect(old.status).toBe(401);

    const signedIn = await server.api("POST", "/api/session", {
      body: { email: reporter.email, password: temporary },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user.mustChangePassword).toBe(true);
    const session = await server.signIn(reporter.email, temporary);
    const refused = await server.api("POST", "/api/tokens", {
      headers: withSession(session),
      body: { label: "too soon" },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("password_change_required");
    // Reading goes on, and the user's API token was not touched by the reset.
    expect(
      (await server.api("GET", "/api/session", { headers: withSession(session) })).status,
    ).toBe(200);
    expect(
      (
        await server.api("POST", "/api/tokens", {
          token: reporter.token,
          body: { label: "script" },
        })
      ).status,
    ).toBe(201);

    const same = await server.api("POST", "/api/session/password", {
      headers: withSession(session),
      body: { currentPassword: temporary, newPassword: temporary },
    });
    expect(same.status).toBe(422);
    expect(same.json.error.field).toBe("newPassword");
    const chosen = await server.api("POST", "/api/session/password", {
      headers: withSession(session),
      body: { currentPassword: temporary, newPassword: "my very own password" },
    });
    expect(chosen.status).toBe(204);
    const me = await server.api("GET", "/api/session", { headers: withSession(session) });
    expect(me.json.user.mustChangePassword).toBe(false);
    const allowed = await server.api("POST", "/api/tokens", {
      headers: withSession(session),
      body: { label: "now it works" },
    });
    expect(allowed.status).toBe(201);
  });

  it("ends the user's sessions on every node: a reset through one, a session held by another", async () => {
    // A second node on the same database, as a second worker or machine would be.
    const other = await startTestServer({ dataDir: server.dataDir });
    try {
      const editor = await server.userFor("editor");
      const there = await other.signIn(editor.email, editor.password);
      const mine = { headers: withSession(there) };
      expect((await other.api("GET", "/api/session", mine)).status).toBe(200);
      const reset = await server.api("POST", `/api/users/${editor.id}/password`, {
        token: admin.token,
        body: {},
      });
      expect(reset.status).toBe(200);
      expect((await other.api("GET", "/api/session", mine)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("takes a typed temporary password under the same rules as a new user's, and answers it not back", async () => {
    const editor = await server.userFor("editor");
    const short = await server.api("POST", `/api/users/${editor.id}/password`, {
      token: admin.token,
      body: { password: "short" },
    });
    expect(short.status).toBe(422);
    expect(short.json.error).toMatchObject({ code: "validation_failed", field: "password" });
    const typed = await server.api("POST", `/api/users/${editor.id}/password`, {
      token: admin.token,
      body: { password: "read out on the phone" },
    });
    expect(typed.status).toBe(200);
    expect(typed.json).not.toHaveProperty("password");
    const session = await server.signIn(editor.email, "read out on the phone");
    const write = await server.api("POST", "/api/blogs", {
      headers: withSession(session),
      body: newBlog(),
    });
    expect(write.json.error.code).toBe("password_change_required");
  });
});

describe("who may manage people", () => {
  it("refuses editors and reporters, an unknown user, and an admin resetting their own password", async () => {
    const editor = await server.userFor("editor");
    const reporter = await server.userFor("reporter");
    for (const user of [editor, reporter]) {
      const promote = await server.api("PATCH", `/api/users/${user.id}`, {
        token: user.token,
        body: { role: "admin" },
      });
      expect(promote.status).toBe(403);
      expect(promote.json.error.code).toBe("forbidden");
      const reset = await server.api("POST", `/api/users/${admin.id}/password`, {
        token: user.token,
        body: {},
      });
      expect(reset.status).toBe(403);
      expect(reset.json.error.code).toBe("forbidden");
    }
    expect((await server.api("GET", `/api/users`, { token: reporter.token })).json.error.code).toBe(
      "forbidden",
    );
    // The refused resets changed nothing: the admin's own password still signs in.
    expect(await server.signIn(admin.email, admin.password)).toBeTruthy();

    const unknown = await server.api("POST", "/api/users/nobody/password", {
      token: admin.token,
      body: {},
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("user_not_found");
    const own = await server.api("POST", `/api/users/${admin.id}/password`, {
      token: admin.token,
      body: {},
    });
    expect(own.status).toBe(422);
    expect(own.json.error.field).toBe("id");
  });
});

describe("the audit log", () => {
  it("records role changes, resets and own password changes, naming whom they were about", async () => {
    const person = await server.userFor("editor", "Ola Person");
    await server.api("PATCH", `/api/users/${person.id}`, {
      token: admin.token,
      body: { role: "reporter" },
    });
    const reset = await server.api("POST", `/api/users/${person.id}/password`, {
      token: admin.token,
      body: {},
    });
    const session = await server.signIn(person.email, reset.json.password);
    await server.api("POST", "/api/session/password", {
      headers: withSession(session),
      body: { currentPassword: reset.json.password, newPassword: "chosen by Ola herself" },
    });

    const log = await server.api("GET", "/api/audit?limit=10", { token: admin.token });
    const about = log.json.entries.filter(
      (e: { actor: { id: string } | null; detail?: { userId?: string } }) =>
        e.detail?.userId === person.id || e.actor?.id === person.id,
    );
    const ada = { id: admin.id, name: "Ada Admin" };
    const ola = { id: person.id, name: "Ola Person" };
    expect(about.map((e: { action: string }) => e.action)).toEqual([
      "password.change",
      "session.signin",
      "password.reset",
      "user.role",
    ]);
    expect(about[0]).toMatchObject({ actor: ola, detail: { replacedTemporary: true } });
    expect(about[2]).toMatchObject({
      actor: ada,
      detail: { userId: person.id, name: "Ola Person", email: person.email, generated: true },
    });
    expect(about[3]).toMatchObject({
      actor: ada,
      detail: { name: "Ola Person", from: "editor", to: "reporter", signedOut: true },
    });
  });
});

describe("the OpenAPI document", () => {
  it("describes resetting a password, the last-admin refusal and the must-change mark", async () => {
    const doc = await server.api("GET", "/api/openapi.json");
    const reset = doc.json.paths["/api/users/{id}/password"]?.post;
    expect(reset.responses).toHaveProperty("200");
    expect(doc.json.paths["/api/users/{id}"].patch.responses).toHaveProperty("409");
    const session = doc.json.paths["/api/session"].get.responses["200"];
    const user = session.content["application/json"].schema.properties.user;
    expect(user.required).toContain("mustChangePassword");
  });
});
