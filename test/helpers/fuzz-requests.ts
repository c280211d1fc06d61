// fast-check arbitraries for requests to one documented operation: path parameters (names of
// real things, or hostile text), documented and stray query parameters, credentials, headers,
// content types, and bodies shaped by the operation's JSON schema with hostile values mixed in,
// or not JSON at all. Used by test/http/fuzz-routes.test.ts.

import fc from "fast-check";
import {
  encodeSegment,
  fromSchema,
  hostileString,
  printable,
  RAW_SEGMENTS,
  validFromSchema,
} from "./fuzz-values.js";
import type { DocumentedOperation, Json } from "./openapi-routes.js";

export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded (sometimes wrongly, on purpose). */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface FuzzFixtures {
  /**
   * Values naming real things, by path parameter name (`slug`, `id`, `path`), and by the
   * segment before it as well (`posts:id`, `users:id`) for the well-formed requests.
   */
  params: Record<string, readonly string[]>;
  /** Header sets saying who asks: nobody, each role's token, cookies with and without CSRF… */
  credentials: readonly Record<string, string>[];
  /** Those of the newsroom that hold: each role's token, an admin's cookie with its CSRF token. */
  trusted: readonly Record<string, string>[];
  /** A small real PNG, for uploads that get as far as the image pipeline. */
  png: Uint8Array;
}

type BodyKind = { body: string | Uint8Array; type?: string };

function bodies(
  document: Json,
  op: DocumentedOperation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<BodyKind> {
  const content = ((op.operation.requestBody as Json | undefined)?.content ?? {}) as Record<
    string,
    Json
  >;
  const schema = content["application/json"]?.schema as Json | undefined;
  const json = schema ? fromSchema(document, schema, true) : fc.jsonValue({ maxDepth: 3 });
  const jsonType = fc.constantFrom(
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=latin1",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/vnd.api+json",
  );
  const boundary = "dispatchfuzzboundary";
  const part = (name: string, filename: string, type: string, bytes: Uint8Array) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const fileBytes = fc.oneof(
    fc.constant(fixtures.png),
    fc.constant(fixtures.png.subarray(0, 40)),
    fc.constant(
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ),
    fc.uint8Array({ maxLength: 200 }),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(json, jsonType)
        .map(([v, type]) => ({ body: JSON.stringify(v) ?? "", type })),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue().map((v) => ({ body: JSON.stringify(v), type: "application/json" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            "",
            "{",
            "[",
            "null",
            '""',
            '{"__proto__":{"role":"admin"}}',
            '{"constructor":{"prototype":{"role":"admin"}}}',
            "\uFEFF{}",
            '{"a":1,"a":2}',
            "1e999999",
            `${"[".repeat(5000)}${"]".repeat(5000)}`,
          ),
          fc.constantFrom("application/json", undefined),
        )
        .map(([body, type]) => ({ body, type })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((b) => ({ body: b, type: "application/json" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("file", "image", ""),
          fc.constantFrom("tide.png", "", "../x.png", "a\u0000.png"),
          fc.constantFrom("image/png", "text/html", "image/svg+xml"),
          fileBytes,
        )
        .map(([name, filename, type, bytes]) => ({
          body: part(name, filename, type, bytes),
          type: `multipart/form-data; boundary=${boundary}`,
        })),
    },
    // Over the 1 MB body limit.
    {
      weight: 1,
      arbitrary: fc.constant({
        body: JSON.stringify({ title: "x".repeat(1_100_000) }),
        type: "application/json",
      }),
    },
  );
}

const HEADER_NAMES = [
  "if-match",
  "if-none-match",
  "idempotency-key",
  "last-event-id",
  "accept",
  "x-csrf-token",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "sec-fetch-dest",
  "origin",
  "range",
  "accept-encoding",
] as const;

const OTHER_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function pathParam(name: string, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  const real = fixtures.params[name] ?? [];
  const hostile = hostileString.map(encodeSegment);
  const raw = fc.constantFrom(...RAW_SEGMENTS);
  const arbitraries = [
    { weight: 2, arbitrary: hostile },
    { weight: 1, arbitrary: raw },
    ...(real.length ? [{ weight: 5, arbitrary: fc.constantFrom(...real) }] : []),
  ];
  const one = fc.oneof(...arbitraries);
  // The rest of a path (media keys, the app's screens) may hold several segments.
  return name === "path"
    ? fc.array(one, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"))
    : one;
}

function queryOf(document: Json, op: DocumentedOperation): fc.Arbitrary<string> {
  const parameters = ((op.operation.parameters ?? []) as Json[]).filter((p) => p.in === "query");
  const value = (schema: Json) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: validFromSchema(document, schema, false, 0).map((v) => encodeSegment(String(v))),
      },
      { weight: 2, arbitrary: hostileString.map(encodeSegment) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    );
  const documented = parameters.map((p) =>
    fc.option(
      value((p.schema ?? {}) as Json).map((v) => `${String(p.name)}=${v}`),
      { freq: 2 },
    ),
  );
  const stray = fc.option(
    fc.oneof(
      fc
        .tuple(hostileString, hostileString)
        .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`),
      // Repeated and bracketed keys arrive as arrays or objects, not strings.
      fc.constantFrom(
        ...parameters.map((p) => `${String(p.name)}=1&${String(p.name)}=2`),
        "a[b]=1",
        "&&=&",
        "%=%",
      ),
    ),
    { freq: 3 },
  );
  return fc
    .tuple(fc.tuple(...documented), stray)
    .map(([given, extra]) => [...given, extra].filter((q): q is string => !!q).join("&"));
}

/**
 * Routes that fetch the address in their body (an image imported from another site): the
 * fuzzer gives them only addresses on this machine or nowhere, so nothing leaves 127.0.0.0/8.
 */
const FETCHING = new Set(["POST /api/media/import"]);
const LOCAL_ADDRESSES = [
  "http://127.0.0.1:9/tide.png",
  "http://localhost:1/x.jpg",
  "http://[::1]/x.png",
  "http://10.0.0.1/x.png",
  "file:///etc/passwd",
  "not an address",
];

function keptLocal(op: DocumentedOperation, request: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  if (!FETCHING.has(`${op.method} ${op.path}`) || typeof request.body !== "string") {
    return fc.constant(request);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return fc.constant(request);
  }
  if (!parsed || typeof parsed !== "object" || !("url" in parsed)) return fc.constant(request);
  return fc
    .constantFrom(...LOCAL_ADDRESSES)
    .map((url) => ({ ...request, body: JSON.stringify({ ...parsed, url }) }));
}

/**
 * Requests for `op`: hostile ones, and well-formed ones from the newsroom that get past
 * sign-in and validation to exercise what lies behind (with odd but valid text and values).
 */
export function requestsFor(
  document: Json,
  op: DocumentedOperation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof(
      { weight: 2, arbitrary: wellFormed(document, op, fixtures) },
      { weight: 3, arbitrary: hostileRequests(document, op, fixtures) },
    )
    .chain((request) => keptLocal(op, request));
}

function wellFormed(
  document: Json,
  op: DocumentedOperation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<FuzzRequest> {
  const named = [...op.path.matchAll(/([^/]+)\/\{([^}]+)\}/g)].map((m) => ({
    of: m[1] as string,
    name: m[2] as string,
  }));
  const params = fc.tuple(
    ...named.map(({ of, name }) =>
      fc.constantFrom(...(fixtures.params[`${of}:${name}`] ?? fixtures.params[name] ?? ["x"])),
    ),
  );
  const queries = ((op.operation.parameters ?? []) as Json[])
    .filter((p) => p.in === "query")
    .map((p) =>
      fc.option(
        validFromSchema(document, (p.schema ?? {}) as Json, false, 0).map(
          (v) => `${String(p.name)}=${encodeSegment(String(v))}`,
        ),
      ),
    );
  const content = ((op.operation.requestBody as Json | undefined)?.content ?? {}) as Record<
    string,
    Json
  >;
  const schema = content["application/json"]?.schema as Json | undefined;
  const body = schema ? fromSchema(document, schema, false).map((v) => JSON.stringify(v)) : null;
  return fc
    .record({
      values: params,
      query: fc.tuple(...queries),
      credential: fc.constantFrom(...fixtures.trusted),
      body: body ?? fc.constant(undefined),
    })
    .map(({ values, query, credential, body }) => {
      let index = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => values[index++] ?? "");
      const given = query.filter((q): q is string => !!q).join("&");
      const headers: Record<string, string> = { ...credential };
      if (body !== undefined) headers["content-type"] = "application/json";
      return {
        method: op.method,
        target: given ? `${path}?${given}` : path,
        headers,
        ...(body !== undefined ? { body } : {}),
      };
    });
}

/** Hostile requests: mostly `op`'s own method, now and then another on the same path. */
function hostileRequests(
  document: Json,
  op: DocumentedOperation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const params = fc.tuple(...names.map((n) => pathParam(n, fixtures)));
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(op.method) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
  );
  const headers = fc.dictionary(fc.constantFrom(...HEADER_NAMES), printable, { maxKeys: 3 });
  const accept = fc.constantFrom(
    undefined,
    "text/event-stream",
    "application/json",
    "image/*",
    "*/*",
  );
  const body = fc.option(bodies(document, op, fixtures), { freq: 8 });
  return fc
    .record({
      method,
      values: params,
      query: queryOf(document, op),
      credential: fc.constantFrom(...fixtures.credentials),
      headers,
      accept,
      body,
      withBody: fc.boolean(),
    })
    .map(({ method, values, query, credential, headers, accept, body, withBody }) => {
      let index = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => values[index++] ?? "");
      const sent: Record<string, string> = { ...headers, ...credential };
      if (accept) sent.accept = accept;
      const request: FuzzRequest = {
        method,
        target: query ? `${path}?${query}` : path,
        headers: sent,
      };
      // fetch sends no body with GET or HEAD; other methods mostly carry one.
      const bodyAllowed = method !== "GET" && method !== "HEAD";
      if (body && bodyAllowed && (withBody || op.method !== "GET")) {
        request.body = body.body;
        if (body.type) sent["content-type"] = body.type;
      }
      return request;
    });
}
