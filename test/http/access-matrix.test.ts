// The role × route matrix, generated from the OpenAPI document the server serves: every
// documented operation against anonymous callers, a bad token, a revoked token, each role, and
// an admin's session cookie without its CSRF token, over real HTTP on SQLite. The document
// must name every route Fastify registered, and access/ must say who may call each
// documented operation: a new route fails here until both are written.

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/core/user.js";
import { registeredRoutes } from "../../src/http/registered-routes.js";
import { ErrorJson } from "../../src/http/schemas.js";
import {
  documentedOperations,
  fastifyPattern,
  fillPath,
  type Json,
  operationKey,
  TAKEN_BEFORE_FASTIFY,
} from "../helpers/openapi-routes.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ALERT_ACCESS } from "./access/alerts.js";
import type { AccessCase, Fixtures, Knock, Seen, Who } from "./access/cases.js";
import { COMMENT_ACCESS } from "./access/comments.js";
import { CONTRIBUTION_ACCESS } from "./access/contributions.js";
import { COVERAGE_ACCESS } from "./access/coverage.js";
import { FEED_ACCESS } from "./access/feeds.js";
import { FIGURE_ACCESS } from "./access/figures.js";
import { NUMBERS_ACCESS } from "./access/numbers.js";
import { PEOPLE_ACCESS } from "./access/people.js";
import { POLL_ACCESS } from "./access/polls.js";
import { WEBHOOK_ACCESS } from "./access/webhooks.js";

/** Who may call each documented operation (`METHOD /path` as in the document). */
const ACCESS: Record<string, AccessCase[]> = {
  ...COVERAGE_ACCESS,
  ...PEOPLE_ACCESS,
  ...FEED_ACCESS,
  ...WEBHOOK_ACCESS,
  ...FIGURE_ACCESS,
  ...POLL_ACCESS,
  ...ALERT_ACCESS,
  ...CONTRIBUTION_ACCESS,
  ...NUMBERS_ACCESS,
  ...COMMENT_ACCESS,
};

const METRICS_TOKEN = "scraper-secret-for-the-matrix";
const WHO: readonly Who[] = [
  "anonymous",
  "bad token",
  "revoked token",
  "reporter",
  "editor",
  "admin",
  "cookie without CSRF",
];
const ROLES = new Set<Who>(["reporter", "editor", "admin"]);

let server: TestServer;
let fixtures: Fixtures;
let document: Json;
let revokedToken: string;
let serial = 0;

// The document is read before the tests are collected, so each operation is its own test.
const booted = (async () => {
  // Readers' contributions name their own forwarded address (access/contributions.ts), so a
  // blocked sender is that case's alone; each is the matrix's own fixture, not a flood.
  server = await startTestServer({
    env: {
      METRICS_TOKEN,
      TRUST_PROXY: "loopback",
      CONTRIBUTIONS_PER_HOUR: "1000",
      CONTRIBUTION_CHALLENGE_BITS: "8",
    },
  });
  document = (await server.api("GET", "/api/openapi.json")).json;
  return document;
})();
const operations = documentedOperations(await booted);

beforeAll(async () => {
  const unique = (prefix: string) => `${prefix}-${++serial}-${process.pid}`;
  const owner = await server.userFor("editor", "Owner Editor");
  const colleague = await server.userFor("reporter", "Colleague Reporter");
  const png = await sharp({
    create: { width: 64, height: 48, channels: 3, background: "#2a6f97" },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "harbour.png");
  const uploaded = await fetch(`${server.url}/api/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${colleague.token}` },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const image = (await uploaded.json()) as { src: string };
  const library = await server.api("GET", "/api/media", { token: colleague.token });
  const item = library.json.media.find((m: { src: string }) => m.src === image.src);
  fixtures = { server, owner, colleague, colleaguesImage: item, png, unique };

  // An admin's token, revoked: what it could once do must not matter.
  const admin = await server.userFor("admin");
  const made = await server.api("POST", "/api/tokens", {
    token: admin.token,
    body: { label: "revoked" },
  });
  revokedToken = made.json.token;
  expect(
    (await server.api("DELETE", `/api/tokens/${made.json.id}`, { token: admin.token })).status,
  ).toBe(204);
});
afterAll(() => server?.close());

describe("the OpenAPI document", () => {
  it("names every route Fastify registered, and only routes the server answers", () => {
    const documented = new Set(operations.map((op) => `${op.method} ${fastifyPattern(op.path)}`));
    const registered = new Set(
      registeredRoutes(server.dispatch.app).map((r) => `${r.method} ${r.url}`),
    );
    for (const route of TAKEN_BEFORE_FASTIFY) {
      const key = `${route.method} ${fastifyPattern(route.path)}`;
      expect(documented, `${key} is answered before Fastify`).toContain(key);
      registered.add(key);
    }
    expect(
      [...registered].filter((r) => !documented.has(r)),
      "registered but undocumented",
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !registered.has(r)),
      "documented but not served",
    ).toEqual([]);
  });

  it("has a row in the expected-access table for each operation, and no other rows", () => {
    const keys = operations.map(operationKey);
    expect(
      keys.filter((k) => !ACCESS[k]),
      "documented, no expected access",
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((k) => !keys.includes(k)),
      "in the table, not documented",
    ).toEqual([]);
  });
});

/** Credentials for one cell: a fresh user per role (cells may change passwords or tokens). */
async function caller(who: Who): Promise<{ self?: TestUser; headers: Record<string, string> }> {
  if (who === "anonymous") return { headers: {} };
  if (who === "bad token") return { headers: { authorization: "Bearer dsp_no-such-token" } };
  if (who === "revoked token") return { headers: { authorization: `Bearer ${revokedToken}` } };
  if (who === "cookie without CSRF") {
    const self = await server.userFor("admin");
    const { cookie } = await server.signIn(self.email, self.password);
    return { self, headers: { cookie } };
  }
  const self = await server.userFor(who);
  return { self, headers: { authorization: `Bearer ${self.token}` } };
}

/** Sends the knock; a stream is read no further than its head. */
async function knock(
  method: string,
  path: string,
  sent: Knock,
  auth: Record<string, string>,
): Promise<Seen> {
  const url = `${server.url}${fillPath(path, sent.params ?? {})}${sent.query ? `?${sent.query}` : ""}`;
  const headers: Record<string, string> = { ...auth, ...sent.headers };
  let body: string | FormData | undefined;
  if (sent.form) body = sent.form;
  else if (sent.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(sent.body);
  }
  const stop = new AbortController();
  const response = await fetch(url, {
    method,
    headers,
    body,
    redirect: "manual",
    signal: stop.signal,
  });
  const contentType = response.headers.get("content-type") ?? "";
  if (contentType.startsWith("text/event-stream")) {
    stop.abort();
    return { status: response.status, contentType, json: null };
  }
  const text = await response.text();
  let json: unknown = null;
  if (contentType.includes("json") && text) json = JSON.parse(text);
  return { status: response.status, contentType, json };
}

function allows(row: AccessCase, who: Who, method: string, path: string): boolean {
  const role: Role | undefined =
    who === "cookie without CSRF" ? "admin" : ROLES.has(who) ? (who as Role) : undefined;
  const write = method !== "GET";
  // Only signing in proves itself without the CSRF token; every other cookie write needs it.
  if (who === "cookie without CSRF" && write && `${method} ${path}` !== "POST /api/session")
    return false;
  if (row.allowed === "everyone") return who === "anonymous" || role !== undefined;
  return role !== undefined && row.allowed.includes(role);
}

function expectedRefusal(row: AccessCase, who: Who, method: string): [number, string | null] {
  const special = row.refused?.[who];
  if (special) return special;
  if (who === "cookie without CSRF" && method !== "GET") return [403, "csrf_failed"];
  if (ROLES.has(who) || who === "cookie without CSRF") return [403, "forbidden"];
  return [401, "unauthorized"];
}

for (const op of operations) {
  const rows = ACCESS[operationKey(op)] ?? [];
  // Each cell makes its own users and fixtures, so the cells of a row run side by side.
  describe.concurrent.each(
    rows.map((row) => ({ ...row, title: `${operationKey(op)}: ${row.name}` })),
  )("$title", (row) => {
    it.for(WHO)("as %s", async (who, { expect }) => {
      const { self, headers } = await caller(who);
      const sent = await row.prepare(fixtures, self);
      const seen = await knock(op.method, op.path, sent, headers);
      const said = `${seen.status} ${JSON.stringify(seen.json)}`;
      if (allows(row, who, op.method, op.path)) {
        expect(seen.status, said).toBe(row.ok);
        if (row.okCode) expect(seen.json?.error?.code, said).toBe(row.okCode);
        row.check?.(seen, who, fixtures);
        return;
      }
      const [status, code] = expectedRefusal(row, who, op.method);
      expect(seen.status, said).toBe(status);
      // Not even a version conflict's copy of the post: a refusal shows nothing of it.
      expect(seen.json?.post, said).toBeUndefined();
      // A refusal is the contract's error body, except where a reader's page says it in HTML.
      if (code !== null) {
        expect(ErrorJson.safeParse(seen.json).success, said).toBe(true);
        expect(seen.json.error.code, said).toBe(code);
      }
    });
  });
}
