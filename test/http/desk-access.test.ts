// A desk stream ends with the access behind it, over real HTTP: when an admin resets a user's
// password, disables them or demotes them, or a token is revoked, the newsroom-only stream
// that user holds open closes at once; a password change keeps the session that made it.

import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.userFor("admin");
  const made = await server.api("POST", "/api/blogs", {
    token: admin.token,
    body: { slug: "desk-access", title: "Desk access" },
  });
  expect(made.status).toBe(201);
});
afterAll(() => server?.close());

interface OpenDesk {
  status: number;
  /** Settles when the server ends the stream. */
  ended: Promise<void>;
  isOpen(): boolean;
  close(): void;
}

function openDesk(headers: Record<string, string>): Promise<OpenDesk> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}/api/blogs/desk-access/desk`, {
      headers: { accept: "text/event-stream", ...headers },
      agent: false,
    });
    request.on("error", reject);
    request.on("response", (response) => {
      let open = true;
      const ended = new Promise<void>((done) => {
        response.on("end", done);
        response.on("close", done);
      }).then(() => {
        open = false;
      });
      response.resume();
      resolve({
        status: response.statusCode ?? 0,
        ended,
        isOpen: () => open,
        close: () => request.destroy(),
      });
    });
  });
}

/** Resolves when the stream ends, or fails after `ms`. */
function endsWithin(desk: OpenDesk, ms = 3000): Promise<void> {
  return Promise.race([
    desk.ended,
    new Promise<void>((_, fail) =>
      setTimeout(() => fail(new Error(`the desk stream was still open after ${ms} ms`)), ms),
    ),
  ]);
}

const asAdmin = (method: string, route: string, body?: unknown) =>
  server.api(method, route, { token: admin.token, ...(body !== undefined ? { body } : {}) });

async function signedInDesk(user: TestUser) {
  const session = await server.signIn(user.email, user.password);
  const desk = await openDesk({ cookie: session.cookie });
  expect(desk.status).toBe(200);
  return { desk, session };
}

describe("a desk stream whose access ended", () => {
  it("closes when the user's password is reset", async () => {
    const reporter = await server.userFor("reporter");
    const { desk, session } = await signedInDesk(reporter);
    const other = await signedInDesk(admin);
    expect((await asAdmin("POST", `/api/users/${reporter.id}/password`, {})).status).toBe(200);
    await endsWithin(desk);
    // Only that user's streams end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(other.desk.isOpen()).toBe(true);
    other.desk.close();
    // And it cannot be reopened with the old session.
    expect((await openDesk({ cookie: session.cookie })).status).toBe(401);
  });

  it("closes when the user is disabled, and a stream on their token too", async () => {
    const editor = await server.userFor("editor");
    const { desk } = await signedInDesk(editor);
    const byToken = await openDesk({ authorization: `Bearer ${editor.token}` });
    expect(byToken.status).toBe(200);
    const answer = await asAdmin("PATCH", `/api/users/${editor.id}`, { disabled: true });
    expect(answer.status).toBe(200);
    await Promise.all([endsWithin(desk), endsWithin(byToken)]);
  });

  it("closes when the user is demoted", async () => {
    const editor = await server.userFor("editor");
    const { desk } = await signedInDesk(editor);
    expect((await asAdmin("PATCH", `/api/users/${editor.id}`, { role: "reporter" })).status).toBe(
      200,
    );
    await endsWithin(desk);
  });

  it("closes a stream on a revoked token", async () => {
    const reporter = await server.userFor("reporter");
    const byToken = await openDesk({ authorization: `Bearer ${reporter.token}` });
    expect(byToken.status).toBe(200);
    const tokens = await server.api("GET", "/api/tokens", { token: reporter.token });
    const id = (tokens.json.tokens as { id: string }[])[0]?.id;
    expect((await asAdmin("DELETE", `/api/tokens/${id}`)).status).toBe(204);
    await endsWithin(byToken);
  });

  it("keeps the session that changed its own password, and ends the others", async () => {
    const reporter = await server.userFor("reporter");
    const mine = await signedInDesk(reporter);
    const elsewhere = await signedInDesk(reporter);
    const changed = await server.api("POST", "/api/session/password", {
      headers: { cookie: mine.session.cookie, "x-csrf-token": mine.session.csrfToken },
      body: { currentPassword: reporter.password, newPassword: "a brand new passphrase" },
    });
    expect(changed.status).toBe(204);
    await endsWithin(elsewhere.desk);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine.desk.isOpen()).toBe(true);
    mine.desk.close();
  });
});

describe("a HEAD of the desk stream", () => {
  it("answers at once with the stream's headers, holding nothing open", async () => {
    const reporter = await server.userFor("reporter");
    const answer = await fetch(`${server.url}/api/blogs/desk-access/desk`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${reporter.token}` },
      signal: AbortSignal.timeout(3000),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/event-stream/);
  });
});

describe("a desk stream loaded as something else", () => {
  it("is refused with 406 when a signed-in browser loads it as an image or a page", async () => {
    const reporter = await server.userFor("reporter");
    for (const path of ["/api/blogs/desk-access/desk", "/api/desk/events?blogs=desk-access"]) {
      for (const headers of [
        { "sec-fetch-dest": "image", accept: "image/avif,image/webp,*/*" },
        { "sec-fetch-dest": "document", accept: "text/html,*/*;q=0.8" },
      ]) {
        const answer = await fetch(`${server.url}${path}`, {
          headers: { authorization: `Bearer ${reporter.token}`, ...headers },
          signal: AbortSignal.timeout(3000),
        });
        expect(answer.status, `${path} as ${headers["sec-fetch-dest"]}`).toBe(406);
        expect((await answer.json()).error.code).toBe("not_acceptable");
      }
    }
  });
});
