// Sign-in at the edges, over real HTTP: only a JSON body is read (a text/plain form post is
// what a cross-site page can send without asking, so it is 415).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorJson } from "../../src/http/schemas.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

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
