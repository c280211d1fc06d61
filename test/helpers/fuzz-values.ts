// fast-check arbitraries for the values inside requests: hostile text (NUL, lone surrogates,
// markup, huge), percent-encoding that may or may not decode, and values shaped by a JSON
// schema from the OpenAPI document, right, nearly right, or now and then hostile.

import fc from "fast-check";
import { type Json, resolveRef } from "./openapi-routes.js";

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
export const RAW_SEGMENTS = [
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

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
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

export const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** A value for the JSON schema `schema`; when `hostile`, now and then a hostile one instead. */
export function fromSchema(
  document: Json,
  schema: Json,
  hostile: boolean,
  depth = 0,
  name = "",
): fc.Arbitrary<unknown> {
  const valid = validFromSchema(document, resolveRef(document, schema), hostile, depth, name);
  if (!hostile) return valid;
  return fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

export function validFromSchema(
  document: Json,
  schema: Json,
  hostile: boolean,
  depth: number,
  /** The property the value is for: `src`, `timezone`… say more than the schema does. */
  name = "",
): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constant(null);
  const inner = (s: unknown, as = name) =>
    fromSchema(document, (s ?? {}) as Json, hostile, depth + 1, as);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (choices?.length) return fc.oneof(...choices.map((choice) => inner(choice)));
  if (Array.isArray(schema.allOf) && schema.allOf[0]) return inner(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? fc.constantFrom(...(schema.type as string[])) : null;
  if (type) {
    return type.chain((t) =>
      validFromSchema(document, { ...schema, type: t }, hostile, depth, name),
    );
  }
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      const shape = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [k, inner(s, k)]),
      );
      const known = fc.record(shape, {
        requiredKeys: required.filter((k) => k in shape),
      });
      if (!hostile) return known;
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
    case "null":
      return fc.constant(null);
    case "string":
      return stringFor(schema, name);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Strings the newsroom's fields expect, right and nearly right, by field name. */
const BY_NAME: Record<string, readonly string[]> = {
  src: [
    "https://example.com/harbour.jpg",
    "/media/u/abc/960.webp",
    "/media/../api/x",
    "http://a/x",
  ],
  avatar: ["/media/u/abc/960.webp", "https://example.com/me.jpg"],
  url: ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://example.com/", "javascript:x"],
  timezone: ["Europe/London", "UTC", "Asia/Kolkata", "Mars/Olympus"],
  language: ["en-GB", "fr", "pt-BR", "not a language"],
  email: ["ada@newsroom.example", "not-an-email", "a@b"],
  role: ["reporter", "editor", "admin", "owner"],
};

function stringFor(schema: Json, name: string): fc.Arbitrary<string> {
  const known = BY_NAME[name];
  if (known) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, fc.string());
  if (schema.format === "email") return fc.emailAddress();
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
    // Addresses (a route that fetches one gets a local one instead: see FETCHING).
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
