// fast-check fuzzing of every route the OpenAPI document names (and the routes answered before
// Fastify), over real HTTP against the real app: hostile path parameters, query strings,
// credentials, headers, content types and bodies. For each request: never a 5xx; every refusal
// of an API route is the contract's error body; and a refused request changes nothing in the
// database (nor in the media folder). A long run on SQLite, a shorter one on PostgreSQL, where
// NUL characters and broken encodings used to surface as 500s.
//
// The seed is fixed so a run is repeatable; FUZZ_SEED=n explores others, FUZZ_RUNS=n runs more
// requests per route.

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type DatabaseSnapshots, databaseSnapshots } from "../helpers/db-snapshot.js";
import { type FuzzFixtures, type FuzzRequest, requestsFor } from "../helpers/fuzz-requests.js";
import {
  type DocumentedOperation,
  documentedOperations,
  type Json,
  operationKey,
  TAKEN_BEFORE_FASTIFY,
} from "../helpers/openapi-routes.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_611);
const RUNS = {
  sqlite: Number(process.env.FUZZ_RUNS ?? 24),
  postgres: Number(process.env.FUZZ_PG_RUNS ?? 6),
};
const METRICS_TOKEN = "scraper-secret-for-the-fuzzer";
/** A stuck request is a failure too, not a hung suite. */
const ANSWER_WITHIN_MS = 10_000;
/** The contract's error body, exactly: a version conflict alone adds the current post. */
const ContractError = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[a-z][a-z0-9_]*$/),
        message: z.string().min(1),
        field: z.string().optional(),
      })
      .strict(),
    post: z.unknown().optional(),
  })
  .strict();

interface Target {
  server: TestServer;
  fixtures: FuzzFixtures;
  snapshots: DatabaseSnapshots;
}

async function startTarget(databaseUrl?: string): Promise<Target> {
  // No scheduler during the run: a post it sends out would look like a refused request's work.
  const server = await startTestServer({
    ...(databaseUrl ? { databaseUrl } : {}),
    env: { METRICS_TOKEN },
    schedulerMs: 3_600_000,
  });
  const editor = await server.userFor("editor");
  const reporter = await server.userFor("reporter");
  const admin = await server.userFor("admin");
  const colleague = await server.userFor("reporter", "Colleague");
  const made = async (path: string, token: string, body: unknown) => {
    const answer = await server.api("POST", path, { token, body });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json;
  };
  const live = `fuzz-live-${process.pid}`;
  const closed = `fuzz-closed-${process.pid}`;
  await made("/api/blogs", editor.token, { slug: live, title: "Fuzzed coverage" });
  await made("/api/blogs", editor.token, { slug: closed, title: "Closed coverage" });
  await server.api("PATCH", `/api/blogs/${closed}`, {
    token: editor.token,
    body: { status: "closed" },
  });
  const published = await made(`/api/blogs/${live}/posts`, reporter.token, {
    blocks: [paragraph("Up")],
  });
  const draft = await made(`/api/blogs/${live}/posts`, colleague.token, {
    blocks: [paragraph("Not yet")],
    status: "draft",
  });
  const spare = await made("/api/tokens", colleague.token, { label: "spare" });
  const figure = await made(`/api/blogs/${live}/figures`, editor.token, {
    label: "Detained",
    values: [
      { value: 120, unit: "people", source: { name: "Police" }, asOf: "2026-05-01T12:00:00Z" },
    ],
  });
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#345" } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "tide.png");
  const upload = await fetch(`${server.url}/api/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${colleague.token}` },
    body: form,
  });
  expect(upload.status).toBe(201);
  const image = (await upload.json()) as { src: string };
  const library = await server.api("GET", "/api/media", { token: colleague.token });
  const mediaId: string = library.json.media[0].id;
  const session = await server.signIn(admin.email, admin.password);
  const fixtures: FuzzFixtures = {
    params: {
      slug: [live, closed],
      id: [published.id, draft.id, colleague.id, spare.id, mediaId],
      "posts:id": [published.id, draft.id],
      "figures:id": [figure.id],
      "users:id": [colleague.id],
      "tokens:id": [spare.id],
      "media:id": [mediaId],
      path: [image.src.replace(/^\/media\//, ""), "blogs", "assets/none.js", "sw.js"],
    },
    credentials: [
      {},
      {},
      { authorization: `Bearer ${reporter.token}` },
      { authorization: `Bearer ${editor.token}` },
      { authorization: `Bearer ${admin.token}` },
      { authorization: "Bearer dsp_no-such-token" },
      { authorization: "Basic Zm9vOmJhcg==" },
      { authorization: `Bearer ${METRICS_TOKEN}` },
      { cookie: session.cookie },
      { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      { cookie: "dispatch_session=forged; dispatch_device=forged" },
    ],
    trusted: [
      { authorization: `Bearer ${reporter.token}` },
      { authorization: `Bearer ${editor.token}` },
      { authorization: `Bearer ${admin.token}` },
      { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    ],
    png: new Uint8Array(png),
  };
  const snapshots = await databaseSnapshots(
    databaseUrl ? { databaseUrl } : { dataDir: server.dataDir },
  );
  return { server, fixtures, snapshots };
}

/** Every file under the media folder: a refused upload must leave none behind. */
async function mediaFiles(dataDir: string): Promise<string[]> {
  const found = await readdir(join(dataDir, "media"), { recursive: true }).catch(() => []);
  return found.map(String).sort();
}

const shown = (request: FuzzRequest) =>
  JSON.stringify({
    ...request,
    target: request.target.slice(0, 300),
    body:
      typeof request.body === "string"
        ? request.body.slice(0, 300)
        : request.body && `<${request.body.length} bytes>`,
  });

/** Sends one request and holds the server to its promises. */
async function probe(target: Target, request: FuzzRequest): Promise<void> {
  const { server, snapshots } = target;
  const before = await snapshots.take();
  const filesBefore = await mediaFiles(server.dataDir);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ANSWER_WITHIN_MS);
  let status: number;
  let contentType: string;
  let text = "";
  try {
    const response = await fetch(`${server.url}${request.target}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body as BodyInit } : {}),
      redirect: "manual",
      signal: stop.signal,
    });
    status = response.status;
    contentType = response.headers.get("content-type") ?? "";
    // A stream that opened is read no further: it would run for as long as the blog does.
    if (contentType.startsWith("text/event-stream")) stop.abort();
    else text = await response.text();
  } catch (error) {
    throw new Error(`No answer to ${shown(request)}: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  const said = `→ ${status} ${text.slice(0, 300)}\n${shown(request)}`;
  expect(status, said).toBeLessThan(500);
  if (status < 400) return;
  const path = request.target.split("?")[0] ?? "";
  if (request.method !== "HEAD" && (path.startsWith("/api/") || contentType.includes("json"))) {
    expect(contentType, said).toMatch(/^application\/json/);
    expect(ContractError.safeParse(JSON.parse(text)).success, said).toBe(true);
  }
  expect(await snapshots.take(), `refused, yet the database changed: ${said}`).toEqual(before);
  expect(await mediaFiles(server.dataDir), `refused, yet media changed: ${said}`).toEqual(
    filesBefore,
  );
}

// The routes come from the document the server serves, read before the tests are collected.
let documentDuringRun: Json = {};
const operations: DocumentedOperation[] = await (async () => {
  const server = await startTestServer();
  try {
    const document = (await server.api("GET", "/api/openapi.json")).json as Json;
    const documented = documentedOperations(document);
    const keys = new Set(documented.map(operationKey));
    const early = TAKEN_BEFORE_FASTIFY.filter((r) => !keys.has(operationKey(r))).map((r) => ({
      method: r.method,
      path: r.path,
      operation: {},
    }));
    documentDuringRun = document;
    return [...documented, ...early];
  } finally {
    await server.close();
  }
})();
function fuzzEveryRoute(backend: "sqlite" | "postgres"): void {
  let target: Target;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (backend === "postgres") database = await createTestDatabase();
    target = await startTarget(database?.url);
  });
  afterAll(async () => {
    await target?.snapshots.close();
    await target?.server.close();
    await database?.drop();
  });

  it("sees a write in the snapshot (so an unchanged one means something)", async () => {
    const before = await target.snapshots.take();
    const [slug] = target.fixtures.params.slug ?? [];
    const [editor] = target.fixtures.trusted.slice(1);
    const made = await fetch(`${target.server.url}/api/blogs/${slug}/posts`, {
      method: "POST",
      headers: { ...editor, "content-type": "application/json" },
      body: JSON.stringify({ blocks: [paragraph("Snapshot check")] }),
    });
    expect(made.status).toBe(201);
    const after = await target.snapshots.take();
    expect(after.posts).not.toBe(before.posts);
    expect(after.changes).not.toBe(before.changes);
  });

  it.each(operations.map((op, index) => ({ op, index, key: operationKey(op) })))(
    "$key",
    async ({ op, index }) => {
      const requests = requestsFor(documentDuringRun, op, target.fixtures);
      await fc.assert(
        fc.asyncProperty(requests, (request) => probe(target, request)),
        { numRuns: RUNS[backend], seed: SEED + index, endOnFailure: true },
      );
    },
  );
}

describe("fuzzing every route on SQLite", () => fuzzEveryRoute("sqlite"));
describe("fuzzing every route on PostgreSQL", () => fuzzEveryRoute("postgres"));
