// Refuses U+0000 at the door, before any handler runs: in path parameters and query strings
// (400 invalid_character, naming the parameter) and anywhere in a JSON body (422
// validation_failed, naming the field). No stored text can hold one (PostgreSQL refuses it),
// so a NUL is always a client's mistake or a probe, never something to look up.

import type { FastifyInstance } from "fastify";
import { DomainError } from "../core/errors.js";
import { hasNul, NUL_MESSAGE } from "../core/text.js";
import { fieldPath } from "../core/validation.js";

/** The path to the first string holding a NUL in a parsed JSON value, or null. */
export function findNul(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return hasNul(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // A NUL in a key is as unstorable as one in a value.
      if (hasNul(key)) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    for (const source of [request.params, request.query]) {
      const at = findNul(source);
      if (at) {
        throw new DomainError("invalid_character", NUL_MESSAGE, {
          field: fieldPath(at) || "url",
        });
      }
    }
  });
  app.addHook("preValidation", async (request) => {
    const at = findNul(request.body);
    if (at)
      throw new DomainError("validation_failed", NUL_MESSAGE, { field: fieldPath(at) || "body" });
  });
}
