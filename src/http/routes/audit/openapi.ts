// The OpenAPI path of the audit log, spread into the document by ../meta/openapi.ts. Its query
// parameters come from the zod schema that validates them.

import { z } from "zod";
import { AUDIT_ACTIONS } from "../../../core/audit.js";
import { AuditQuery } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const str = { type: "string" };

const auditPost = {
  type: "object",
  description: "The entry's post as it is now (deleted posts too: the log is for admins)",
  properties: {
    id: str,
    title: {
      type: "string",
      description: "Its title, or the start of its words when it has none",
    },
    status: str,
    author: { type: "object", properties: { name: str } },
    deleted: { const: true },
    permalink: { type: "string", description: "The reader's page of the post, while published" },
  },
  required: ["id", "title", "status"],
};

const auditEntry = {
  type: "object",
  properties: {
    id: str,
    at: str,
    actor: { anyOf: [{ type: "object", properties: { id: str, name: str } }, { type: "null" }] },
    action: { enum: [...AUDIT_ACTIONS] },
    blog: { type: "string", description: "The blog's slug now" },
    blogTitle: { type: "string", description: "The blog's title now" },
    postId: str,
    post: auditPost,
    detail: { type: "object" },
  },
  required: ["id", "at", "actor", "action"],
};

export function auditPaths(): Json {
  const parameters = Object.entries(AuditQuery.shape).map(([name, field]) => {
    const { description, ...schema } = z.toJSONSchema(field, { io: "input" }) as Json;
    return { name, in: "query", description, schema };
  });
  return {
    "/api/audit": {
      get: {
        summary: "The audit log, newest first, by person, blog and action (admins)",
        description:
          "A bad query parameter is 400 `invalid_query` naming it in `field`; an unknown blog is 404 `blog_not_found`.",
        security: signedIn,
        parameters,
        responses: {
          "200": {
            description: "A page of entries",
            ...json({
              type: "object",
              properties: { entries: { type: "array", items: auditEntry }, next: str },
              required: ["entries"],
            }),
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
  };
}
