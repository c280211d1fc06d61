// Turns a zod failure into the domain's validation error, naming the first field at fault in
// the contract's path style: `blocks[2].src`.

import type { z } from "zod";
import { DomainError } from "./errors.js";

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = "",
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let at: ReadonlyArray<PropertyKey> = issue?.path ?? [];
  let message = issue?.message ?? "Invalid input";
  if (issue?.code === "unrecognized_keys") {
    message = `Unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    // The field at fault is the unknown one, not the object holding it.
    if (issue.keys[0] !== undefined) at = [...at, issue.keys[0]];
  }
  const path = fieldPath(at);
  const joiner = path.startsWith("[") ? "" : ".";
  const field = prefix && path ? `${prefix}${joiner}${path}` : prefix || path;
  return throwValidation(field || "body", message);
}

function throwValidation(field: string, message: string): never {
  throw new DomainError("validation_failed", message, { field });
}

/**
 * A query string checked like a body, but a bad one is `invalid_query` (HTTP 400): the request
 * itself is malformed, and the field names the parameter at fault.
 */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKey = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  if (unknownKey !== undefined) {
    throw invalidQuery(unknownKey, `Unknown query parameter "${unknownKey}"`);
  }
  throw invalidQuery(fieldPath(issue?.path ?? []) || "query", issue?.message ?? "Invalid query");
}

export function invalidQuery(field: string, message: string): DomainError {
  return new DomainError("invalid_query", message, { field });
}
