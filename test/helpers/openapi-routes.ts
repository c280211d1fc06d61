// The routes as the OpenAPI document the server serves names them, for the tests that must
// reach every route (the fuzzer, the role × route matrix): a route added to the document is
// tested without anyone listing it again. Also the routes answered before Fastify sees them.

export type Json = Record<string, unknown>;

export interface DocumentedOperation {
  method: string;
  /** The document's path template: `/api/blogs/{slug}/posts/{id}`. */
  path: string;
  operation: Json;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** Every operation in the document, as `METHOD path`. */
export function documentedOperations(document: Json): DocumentedOperation[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

export const operationKey = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

/**
 * A document path as Fastify spells it: `{slug}` is `:slug`, and a trailing `{path}` (the
 * rest of the address, slashes included) is Fastify's `*`.
 */
export function fastifyPattern(path: string): string {
  return path.replace(/\/\{path\}$/, "/*").replace(/\{([^}]+)\}/g, ":$1");
}

/**
 * Routes answered before Fastify: event streams (at the connection's door, or from Node's
 * HTTP server), and cached live pages (the reader fast lane; a miss goes on to Fastify's
 * route of the same path). The fuzzer and the matrix reach these whatever the document says.
 */
export const TAKEN_BEFORE_FASTIFY = [
  { method: "GET", path: "/api/blogs/{slug}/events", registered: false },
  { method: "GET", path: "/api/events", registered: false },
  { method: "GET", path: "/live/{slug}", registered: true },
] as const;

/** The address of `path` with its parameters filled in (each encoded; `{path}` as given). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${path}`);
    return name === "path" ? value : encodeURIComponent(value);
  });
}

/** Follows a local `$ref` (`#/components/schemas/Post`) to what it names. */
export function resolveRef(document: Json, schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let at: unknown = document;
  for (const part of ref.slice(2).split("/")) at = (at as Json | undefined)?.[part];
  if (!at || typeof at !== "object") throw new Error(`Unresolved ${ref}`);
  return resolveRef(document, at as Json);
}
