// Refuses U+0000 at the door, before any handler runs: in path parameters and query strings
// (400 invalid_character, naming the parameter) and anywhere in a JSON body (422
// validation_failed, naming the field); and a body nested deeper than any the API takes. No
// stored text can hold a NUL (PostgreSQL refuses it), so one is always a client's mistake or a
// probe, never something to look up.

import type { FastifyInstance } from "fastify";
import { DomainError } from "../core/errors.js";
import { hasNul, NUL_MESSAGE } from "../core/text.js";
import { fieldPath } from "../core/validation.js";

/**
 * Deeper than any body the API takes (a post's blocks nest a few levels): a body nested past
 * this is refused before anything walks it, so no later step (validation, hashing, logging)
 * can run out of stack on a hostile one.
 */
export const MAX_BODY_DEPTH = 64;

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
  depth: number;
}

const pathTo = (visit: Visit): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) path.push(at.key);
  return path.reverse();
};

/**
 * Walks a parsed JSON value in document order, without recursion (a body may nest as deep as
 * its sender likes). Stops at the first visit `stop` returns true for; answers its path.
 */
function walk(value: unknown, stop: (visit: Visit) => boolean): PropertyKey[] | null {
  const pending: Visit[] = [{ value, key: null, parent: null, depth: 0 }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (stop(visit)) return pathTo(visit);
    const { value: at, depth } = visit;
    if (!at || typeof at !== "object") continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(at)
      ? at.map((item, index) => [index, item])
      : Object.entries(at);
    // Pushed last to first, so the first entry is visited first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [PropertyKey, unknown];
      pending.push({ value: item, key, parent: visit, depth: depth + 1 });
    }
  }
  return null;
}

/** The path to the first string holding a NUL in a parsed JSON value (keys too), or null. */
export function findNul(value: unknown): PropertyKey[] | null {
  return walk(
    value,
    (visit) =>
      (typeof visit.value === "string" && hasNul(visit.value)) ||
      // A NUL in a key is as unstorable as one in a value.
      (typeof visit.key === "string" && hasNul(visit.key)),
  );
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
    const tooDeep = walk(request.body, (visit) => visit.depth > MAX_BODY_DEPTH);
    if (tooDeep) {
      throw new DomainError(
        "validation_failed",
        `The body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`,
        { field: "body" },
      );
    }
    const at = findNul(request.body);
    if (at)
      throw new DomainError("validation_failed", NUL_MESSAGE, { field: fieldPath(at) || "body" });
  });
}
