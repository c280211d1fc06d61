// A NUL character (U+0000) anywhere a client can put one: path parameters, query strings,
// cursors and JSON bodies. PostgreSQL cannot store it in text, so before these were refused at
// the edge they reached the database and came back as a 500; SQLite must answer the same.
// Every answer must be a 4xx with the contract's error body, on both backends.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toHttpError } from "../../src/http/errors.js";
import { ErrorJson } from "../../src/http/schemas.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const NUL = "\u0000";
const ENCODED = "%00";
/** A cursor that decodes to a valid time, a separator and an id holding a NUL. */
const NUL_CURSOR = Buffer.from(`2026-01-01T00:00:00.000Z|p${NUL}1`).toString("base64url");

interface Probe {
  method: string;
  route: string;
  body?: unknown;
  /** Sent with the editor's token; unset probes are anonymous, as a reader would send them. */
  signedIn?: boolean;
}

/** Every route with a NUL in a path parameter, a query parameter or a body field. */
function probes(slug: string, postId: string): Probe[] {
  const blog = `/api/blogs/${slug}`;
  return [
    // Public reads: no sign-in needed, so anyone on the internet can send these.
    { method: "GET", route: `/api/blogs/${ENCODED}` },
    { method: "GET", route: `/api/blogs/a${ENCODED}b/posts` },
    { method: "GET", route: `${blog}/posts/${ENCODED}` },
    { method: "GET", route: `${blog}/posts?before=${ENCODED}` },
    { method: "GET", route: `${blog}/posts?before=${NUL_CURSOR}` },
    { method: "GET", route: `${blog}/posts/search?q=a${ENCODED}` },
    { method: "GET", route: `/api/blogs/${ENCODED}/changes` },
    { method: "GET", route: `/api/blogs/${ENCODED}/events` },
    // (A Last-Event-ID that is not a number is ignored, as a browser's garbage would be: the
    // stream opens from now, so it is not probed here.)
    { method: "GET", route: `/api/blogs/${ENCODED}/readers` },
    { method: "GET", route: `/live/${ENCODED}` },
    { method: "GET", route: `/live/${slug}?before=${ENCODED}` },
    { method: "GET", route: `/live/${slug}?before=${NUL_CURSOR}` },
    { method: "GET", route: `/live/${slug}/posts/${ENCODED}` },
    { method: "GET", route: `/live/${ENCODED}/feed.atom` },
    { method: "GET", route: `/live/${ENCODED}/feed.rss` },
    { method: "GET", route: `/live/${ENCODED}/feed.json` },
    { method: "GET", route: `/live/${ENCODED}/embed` },
    { method: "GET", route: `/live/${ENCODED}/amp` },
    { method: "GET", route: `/oembed?url=${encodeURIComponent(`http://x/live/a`)}${ENCODED}` },
    { method: "GET", route: `/media/a${ENCODED}.jpg` },
    { method: "POST", route: "/api/session", body: { email: `a${NUL}@x.example`, password: "x" } },
    { method: "POST", route: "/api/session", body: { email: "a@x.example", password: `x${NUL}` } },
    // The newsroom's writes and reads, signed in.
    { method: "GET", route: `${blog}/posts?status=draft&before=${NUL_CURSOR}`, signedIn: true },
    { method: "GET", route: `/api/audit?blog=${ENCODED}`, signedIn: true },
    { method: "POST", route: "/api/blogs", body: { slug: "n", title: `a${NUL}` }, signedIn: true },
    { method: "PATCH", route: blog, body: { summary: `a${NUL}` }, signedIn: true },
    { method: "PATCH", route: `/api/blogs/${ENCODED}`, body: { summary: "a" }, signedIn: true },
    {
      method: "POST",
      route: `${blog}/posts`,
      body: { title: `a${NUL}`, blocks: [paragraph("b")] },
      signedIn: true,
    },
    {
      method: "POST",
      route: `${blog}/posts`,
      body: { blocks: [paragraph(`b${NUL}`)] },
      signedIn: true,
    },
    {
      method: "POST",
      route: `${blog}/posts`,
      body: { blocks: [paragraph("b")], bylines: [{ name: `A${NUL}` }] },
      signedIn: true,
    },
    {
      method: "PATCH",
      route: `${blog}/posts/${ENCODED}`,
      body: { version: 1, title: "t" },
      signedIn: true,
    },
    {
      method: "PATCH",
      route: `${blog}/posts/${postId}`,
      body: { version: 1, title: `t${NUL}` },
      signedIn: true,
    },
    { method: "DELETE", route: `${blog}/posts/${ENCODED}`, signedIn: true },
    { method: "POST", route: `${blog}/posts/${ENCODED}/approve`, body: {}, signedIn: true },
    { method: "POST", route: `${blog}/posts/${ENCODED}/return`, body: {}, signedIn: true },
    { method: "POST", route: `${blog}/presence`, body: { postId: `a${NUL}` }, signedIn: true },
    {
      method: "POST",
      route: "/api/users",
      body: { email: `n${NUL}@x.example`, role: "reporter", name: "N" },
      signedIn: true,
    },
    { method: "PATCH", route: `/api/users/${ENCODED}`, body: { name: "N" }, signedIn: true },
    { method: "PATCH", route: `/api/users/${ENCODED}/profile`, body: {}, signedIn: true },
    { method: "POST", route: "/api/tokens", body: { label: `l${NUL}` }, signedIn: true },
    { method: "DELETE", route: `/api/tokens/${ENCODED}`, signedIn: true },
    { method: "GET", route: `/api/contributors?q=${ENCODED}`, signedIn: true },
  ];
}

const backends: Array<[string, () => Promise<{ url?: string; drop?: () => Promise<void> }>]> = [
  ["SQLite", async () => ({})],
  ["PostgreSQL", () => createTestDatabase()],
];

describe.each(backends)("a NUL character on %s", (_name, makeDatabase) => {
  let server: TestServer;
  let database: Partial<TestDatabase>;
  let editor: string;
  let postId: string;

  beforeAll(async () => {
    database = await makeDatabase();
    server = await startTestServer(database.url ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("admin");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "nul", title: "NUL" },
    });
    expect(blog.status).toBe(201);
    const post = await server.api("POST", "/api/blogs/nul/posts", {
      token: editor,
      body: { blocks: [paragraph("first")] },
    });
    postId = post.json.id;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop?.();
  });

  it("is refused with a 4xx and the contract's error body on every route", async () => {
    const failures: string[] = [];
    for (const probe of probes("nul", postId)) {
      const label = `${probe.method} ${probe.route} ${JSON.stringify(probe.body ?? "")}`;
      const response = await fetch(`${server.url}${probe.route}`, {
        method: probe.method,
        // An event stream that opened instead of refusing would never end.
        signal: AbortSignal.timeout(3000),
        headers: {
          ...(probe.body !== undefined ? { "content-type": "application/json" } : {}),
          ...(probe.signedIn ? { authorization: `Bearer ${editor}` } : {}),
        },
        ...(probe.body !== undefined ? { body: JSON.stringify(probe.body) } : {}),
      });
      const text = await response.text().catch(() => "(no answer in time)");
      if (response.status < 400 || response.status >= 500) {
        failures.push(`${label} → ${response.status} ${text.slice(0, 120)}`);
        continue;
      }
      const isJson = response.headers.get("content-type")?.includes("json");
      if (isJson && !ErrorJson.safeParse(JSON.parse(text)).success)
        failures.push(`${label} → ${response.status} without the error body: ${text}`);
    }
    expect(failures).toEqual([]);
  });

  it("names the field at fault", async () => {
    const slug = await server.api("GET", `/api/blogs/${ENCODED}`);
    expect(slug.status).toBe(400);
    expect(slug.json.error).toMatchObject({ code: "invalid_character", field: "slug" });
    // The event stream is answered before the app's routes, by its own door: the same answer.
    const stream = await server.api("GET", `/api/blogs/${ENCODED}/events`);
    expect(stream.status).toBe(400);
    expect(stream.json.error).toMatchObject({ code: "invalid_character", field: "slug" });
    const cursor = await server.api("GET", `/api/blogs/nul/posts?before=${NUL_CURSOR}`);
    expect(cursor.status).toBe(422);
    expect(cursor.json.error).toMatchObject({ code: "validation_failed", field: "before" });
    const body = await server.api("POST", "/api/blogs/nul/posts", {
      token: editor,
      body: { blocks: [paragraph("ok"), paragraph(`b${NUL}`)] },
    });
    expect(body.status).toBe(422);
    expect(body.json.error).toMatchObject({ code: "validation_failed", field: "blocks[1].text" });
  });
});

describe("PostgreSQL's encoding errors", () => {
  // Whatever route lets one through in future, the one error mapping answers it as the
  // client's mistake. The errors are PostgreSQL's own, from the real server.
  it.each([
    ["a NUL in a text parameter (22021)", "SELECT $1::text AS value", `a${NUL}b`],
    ["\\u0000 in JSON (22P05)", "SELECT $1::jsonb AS value", '{"a":"\\u0000"}'],
  ])("maps %s to 400", async (_label, statement, parameter) => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: withDefaultUser(database.url) });
    await client.connect();
    try {
      const error = await client.query(statement, [parameter]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(toHttpError(error)).toMatchObject({
        status: 400,
        body: { error: { code: "invalid_encoding" } },
      });
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
