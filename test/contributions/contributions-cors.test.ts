// Readers' contributions from another origin (the script embed's form on a partner page), over
// real HTTP: the challenge and the anonymous send may be read by any origin, as JSON after a
// preflight or as multipart without one, refusals included; a credentialed send, the desk's
// queue, its decisions and the photo never answer with CORS.

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { solvedChallenge } from "./reader.js";

const ANY = "access-control-allow-origin";
const ORIGIN = { origin: "https://partner.example" };
let server: TestServer;
let editor: string;
let cookie: string;
const slug = "cors-ask";

beforeAll(async () => {
  server = await startTestServer({
    env: { CONTRIBUTIONS_PER_HOUR: "1000", CONTRIBUTION_CHALLENGE_BITS: "8" },
  });
  const admin = await server.userFor("admin", "Ada Admin");
  editor = admin.token;
  cookie = (await server.signIn(admin.email, admin.password)).cookie;
  await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Ask us" } });
  const on = await server.api("PATCH", `/api/blogs/${slug}`, {
    token: editor,
    body: { contributions: { enabled: true } },
  });
  expect(on.status).toBe(200);
}, 60_000);
afterAll(async () => server?.close());

const sendPath = `/api/blogs/${slug}/contributions`;

async function sendJson(headers: Record<string, string> = {}) {
  const solved = await solvedChallenge(server, slug);
  return fetch(`${server.url}${sendPath}`, {
    method: "POST",
    headers: { ...ORIGIN, "content-type": "application/json", ...headers },
    body: JSON.stringify({ kind: "question", text: "Open?", name: "Kai", ...solved }),
  });
}

const preflight = (path: string, method: string, requestHeaders?: string) =>
  fetch(`${server.url}${path}`, {
    method: "OPTIONS",
    headers: {
      ...ORIGIN,
      "access-control-request-method": method,
      ...(requestHeaders ? { "access-control-request-headers": requestHeaders } : {}),
    },
  });

describe("contributions from another origin", () => {
  it("shares the challenge and the send, refusals too, never with credentials", async () => {
    const challenge = await fetch(`${server.url}${sendPath}/challenge`, { headers: ORIGIN });
    expect(challenge.status).toBe(200);
    expect(challenge.headers.get(ANY)).toBe("*");
    expect(challenge.headers.get("access-control-allow-credentials")).toBeNull();

    const sent = await sendJson();
    expect(sent.status).toBe(201);
    expect(sent.headers.get(ANY)).toBe("*");

    // Multipart with a photo: a simple request, no preflight needed; its answer is shared.
    const solved = await solvedChallenge(server, slug);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      kind: "eyewitness",
      text: "Seen",
      name: "Kai",
      ...solved,
    }))
      form.append(k, v);
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    form.append("photo", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
    const multipart = await fetch(`${server.url}${sendPath}`, {
      method: "POST",
      headers: ORIGIN,
      body: form,
    });
    expect(multipart.status).toBe(201);
    expect(multipart.headers.get(ANY)).toBe("*");

    // A refusal is readable too, so the partner page can say what went wrong.
    const refused = await fetch(`${server.url}${sendPath}`, {
      method: "POST",
      headers: { ...ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ kind: "question", text: "x", name: "Kai" }),
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get(ANY)).toBe("*");

    // A request carrying the newsroom's credentials never gets CORS.
    const credentials: Record<string, string>[] = [
      { authorization: `Bearer ${editor}` },
      { cookie },
    ];
    for (const headers of credentials) {
      const credentialed = await sendJson(headers);
      await credentialed.body?.cancel();
      expect(credentialed.headers.get(ANY)).toBeNull();
    }
  });

  it("answers the send's preflight for POST with JSON, and nothing else of contributions", async () => {
    const ok = await preflight(sendPath, "POST", "content-type");
    expect(ok.status).toBe(204);
    expect(ok.headers.get(ANY)).toBe("*");
    expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
    expect(ok.headers.get("access-control-allow-headers")).toContain("Content-Type");
    expect((await preflight(sendPath, "POST", "authorization")).headers.get(ANY)).toBeNull();
    expect((await preflight(sendPath, "DELETE")).headers.get(ANY)).toBeNull();

    const sent = await (await sendJson()).json();
    const one = `${sendPath}/${sent.id}`;
    for (const path of [`${one}/answer`, `${one}/reject`, `${one}/block`, `${one}/photo/publish`]) {
      expect({
        path,
        allow: (await preflight(path, "POST", "content-type")).headers.get(ANY),
      }).toEqual({ path, allow: null });
      const write = await fetch(`${server.url}${path}`, { method: "POST", headers: ORIGIN });
      await write.body?.cancel();
      expect({ path, allow: write.headers.get(ANY) }).toEqual({ path, allow: null });
    }
    // The desk's queue and a photo, signed in or not.
    const askers: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${editor}` },
      { cookie },
    ];
    for (const headers of askers) {
      for (const path of [sendPath, `${one}/photo`]) {
        const read = await fetch(`${server.url}${path}`, { headers: { ...ORIGIN, ...headers } });
        await read.body?.cancel();
        expect({ path, allow: read.headers.get(ANY) }).toEqual({ path, allow: null });
      }
    }
  });
});
