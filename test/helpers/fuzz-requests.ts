// fast-check arbitraries for requests to one documented operation: path parameters (names of
// real things, or hostile text), documented and stray query parameters, credentials, headers,
// content types, and bodies shaped by the operation's JSON schema with hostile values mixed in,
// or not JSON at all. Used by test/http/fuzz-routes.test.ts.

import fc from "fast-check";
import { type DocumentedOperation, type Json, resolveRef } from "./openapi-routes.js";

export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded (sometimes wrongly, on purpose). */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface FuzzFixtures {
  /** Values naming real things, by path parameter name (`slug`, `id`, `path`). */
  params: Record<string, readonly string[]>;
  /** Header sets saying who asks: nobody, each role's token, cookies with and without CSRF… */
  credentials: readonly Record<string, string>[];
  /** A small real PNG, for uploads that get as far as the image pipeline. */
  png: Uint8Array;
}

/** Text a careless or hostile client sends: NUL, lone surrogates, controls, markup, SQL, huge. */
const NASTY = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\uffff",
  "\u202e",
  "\u2028",
  "\u0085",
  "🙂",
  "../..",
  "null",
  "-1",
  "0",
  "1e309",
  "<script>alert(1)</script>",
  "'; DROP TABLE posts; --",
  "\\",
  '"',
  " ",
  "\t\r\n",
  "x".repeat(5000),
];
/** Percent sequences that decode to trouble, or do not decode at all. */
const RAW_SEGMENTS = [
  "%00",
  "a%00b",
  "%",
  "%zz",
  "%ff%fe",
  "%C0%AE",
  "%2e%2e",
  "%2F",
  "..",
  ".",
  "%E2%80%AE",
  "%F0%9F",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, -1, 0, 2 ** 53, -(2 ** 31), 1.5, 1e308, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Percent-encodes every byte but the unreserved ones (a lone surrogate becomes U+FFFD). */
export function encodeSegment(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** A value for the JSON schema `schema`, now and then a hostile one instead. */
export function fromSchema(document: Json, schema: Json, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFromSchema(document, resolveRef(document, schema), depth);
  return fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFromSchema(document: Json, schema: Json, depth: number): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constant(null);
  const inner = (s: unknown) => fromSchema(document, (s ?? {}) as Json, depth + 1);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (choices?.length) return fc.oneof(...choices.map(inner));
  if (Array.isArray(schema.allOf) && schema.allOf[0]) return inner(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? fc.constantFrom(...(schema.type as string[])) : null;
  if (type) return type.chain((t) => validFromSchema(document, { ...schema, type: t }, depth));
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      const shape = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, inner(s)]));
      const known = fc.record(shape, {
        requiredKeys: required.filter((k) => k in shape),
      });
      // Now and then a key the schema does not know, or one it needs left out.
      const dropped = required.length
        ? fc.option(fc.constantFrom(...required), { freq: 10 })
        : fc.constant(null);
      const stray = fc.option(fc.tuple(hostileString, hostileValue), { freq: 8 });
      return fc.tuple(known, stray, dropped).map(([value, extra, drop]) => {
        const out: Record<string, unknown> = { ...value };
        if (extra) out[extra[0]] = extra[1];
        if (drop) delete out[drop];
        return out;
      });
    }
    case "array":
      return fc.array(inner(schema.items), { maxLength: 4 });
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : -1000;
      const max = typeof schema.maximum === "number" ? schema.maximum : 1_000_000;
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case "boolean":
      return fc.boolean();
    case "string":
      return stringFor(schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Json): fc.Arbitrary<string> {
  if (schema.format === "date-time") {
    return fc
      .date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (typeof schema.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(schema.pattern), { maxLength: 40 } as never);
    } catch {
      // A pattern fast-check cannot read: plain strings will do.
    }
  }
  const maxLength = typeof schema.maxLength === "number" ? Math.min(schema.maxLength, 80) : 80;
  const minLength =
    typeof schema.minLength === "number" ? Math.min(schema.minLength, maxLength) : 0;
  return fc.oneof(
    // Addresses: never a public host, so nothing is ever fetched from the internet.
    fc.constantFrom(
      "https://example.com/harbour.jpg",
      "/media/u/abc/960.webp",
      "/media/../api/blogs/x/events",
      "http://127.0.0.1:9/x.png",
      "javascript:alert(1)",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ),
    fc.string({ minLength, maxLength }),
    fc.constantFrom("Storm reaches the coast", "**bold** and [link](https://example.com)"),
  );
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
  const json = schema ? fromSchema(document, schema) : fc.jsonValue({ maxDepth: 3 });
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
        arbitrary: validFromSchema(document, schema, 0).map((v) => encodeSegment(String(v))),
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

/** Requests for `op`: mostly its own method, now and then another on the same path. */
export function requestsFor(
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
