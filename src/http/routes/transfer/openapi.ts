// The OpenAPI paths of the export and import routes, spread into the document by
// ../meta/openapi.ts. Query parameters and the document's shape come from the zod schemas
// that validate them.

import { z } from "zod";
import { ExportDocument } from "../../../core/transfer/document.js";
import { ExportQuery, ImportQuery, ImportSummaryJson } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const tar = { type: "string", format: "binary", description: "ustar: document.json, then media/…" };

function queryParameters(shape: Record<string, z.ZodType>): Json[] {
  return Object.entries(shape).map(([name, field]) => {
    const { description, ...schema } = z.toJSONSchema(field, { io: "input" }) as Json;
    return { name, in: "query", description, schema };
  });
}

export function transferPaths(): Json {
  const document = z.toJSONSchema(ExportDocument, { io: "input", unrepresentable: "any" }) as Json;
  delete document.$schema;
  return {
    "/api/blogs/{slug}/export": {
      get: {
        summary:
          "Export the blog (admins only): settings, published and scheduled posts with their ids, times and contributors, its media, and its readers' approved and waiting comments",
        description:
          "Drafts and submissions (a writer's own work), deleted posts, rejected comments, senders' address hashes and readers' contributions are never exported. Each export is recorded in the audit log.",
        security: signedIn,
        parameters: [slug, ...queryParameters(ExportQuery.shape)],
        responses: {
          "200": {
            description: "The export: a tar archive, or with media=link the JSON document",
            content: {
              "application/x-tar": { schema: tar },
              "application/json": { schema: document },
            },
          },
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    "/api/import": {
      post: {
        summary:
          "Import a blog (admins only) from a Dispatch export (JSON or tar) or another platform's LiveBlogPosting JSON-LD (JSON or an HTML page); a second import of the same file changes nothing",
        description:
          "Written in one transaction: a refused file (422 import_invalid, the field naming the line or item at fault) leaves nothing behind. The body is streamed, up to 2 GB.",
        security: signedIn,
        parameters: queryParameters(ImportQuery.shape),
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: document },
            "application/ld+json": { schema: { type: "object" } },
            "application/x-tar": { schema: tar },
            "text/html": { schema: { type: "string" } },
          },
        },
        responses: {
          "200": {
            description: "What the import did",
            ...json(z.toJSONSchema(ImportSummaryJson) as Json),
          },
          ...errors(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
  };
}
