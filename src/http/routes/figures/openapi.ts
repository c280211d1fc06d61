// The OpenAPI paths of /api/blogs/{slug}/figures and the readers' figures page, spread into the
// document by ../meta/openapi.ts.

import { z } from "zod";
import { FigureCreateInput, FigurePatchInput } from "../../../core/figures.js";
import { FigureHistoryJson, FigureJson, FiguresJson } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const id = { name: "id", in: "path", required: true, schema: { type: "string" } };

export function figurePaths(): Json {
  const schema = (s: z.ZodType, io: "input" | "output" = "output") =>
    z.toJSONSchema(s, { io }) as Json;
  const figure = { description: "The figure", ...json(schema(FigureJson)) };
  return {
    "/api/blogs/{slug}/figures": {
      parameters: [slug],
      get: {
        summary: "The blog's key figures (the “By the numbers” box), in order",
        responses: {
          "200": { description: "The box", ...json(schema(FiguresJson)) },
          ...errors(400, 404),
        },
      },
      post: {
        summary: "Add a key figure (editors, admins)",
        description:
          "Each value is attributed to a source and dated (`asOf`); two sources may give different values for one figure, and both are shown. The box is pushed live as a `figures` event.",
        security: signedIn,
        requestBody: { required: true, ...json(schema(FigureCreateInput, "input")) },
        responses: { "201": figure, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    "/api/blogs/{slug}/figures/{id}": {
      parameters: [slug, id],
      patch: {
        summary: "Change a figure's label, place or values (editors, admins)",
        description:
          "`values` replaces the figure's values; those it no longer holds become its public history.",
        security: signedIn,
        requestBody: { required: true, ...json(schema(FigurePatchInput, "input")) },
        responses: { "200": figure, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
      delete: {
        summary: "Remove a figure and its history (editors, admins)",
        security: signedIn,
        responses: { "204": { description: "Removed" }, ...errors(400, 401, 403, 404) },
      },
    },
    "/api/blogs/{slug}/figures/{id}/history": {
      parameters: [slug, id],
      get: {
        summary: "A figure's earlier values, with their sources and times",
        responses: {
          "200": { description: "The history", ...json(schema(FigureHistoryJson)) },
          ...errors(400, 404),
        },
      },
    },
    "/live/{slug}/figures": {
      parameters: [slug],
      get: {
        summary:
          "Every key figure with all its earlier values, as a reader page (no script needed); the box links here once a figure holds more earlier values than it shows",
        responses: {
          "200": { description: "HTML", content: { "text/html": {} } },
          "404": { description: "No such blog", content: { "text/html": {} } },
        },
      },
    },
  };
}
