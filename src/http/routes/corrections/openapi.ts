// OpenAPI paths of a post's public history and the legal takedown; spread into the document
// by ../meta/openapi.ts.

import { z } from "zod";
import { TakedownInput } from "../../../core/corrections.js";
import { PostHistoryJson } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", ...json({ $ref: "#/components/schemas/Error" }) },
    ]),
  );
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const postId = { name: "id", in: "path", required: true, schema: { type: "string" } };

export function correctionPaths(): Json {
  return {
    "/api/blogs/{slug}/posts/{id}/history": {
      get: {
        summary:
          "A published post's public version history: what it said before each change of its words, when it changed, and the correction note given",
        parameters: [slug, postId],
        responses: {
          "200": {
            description: "The post and its earlier versions",
            ...json(schema(PostHistoryJson)),
          },
          ...errors(404),
        },
      },
    },
    "/api/blogs/{slug}/posts/{id}/takedown": {
      post: {
        summary:
          "Legal takedown (editors and admins): removes the post and its whole history from every public surface, and the uploaded images nothing else still shows from the media store and library; the audit log keeps who, when and why",
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        parameters: [slug, postId],
        requestBody: { required: true, ...json(schema(TakedownInput)) },
        responses: { "204": { description: "Taken down" }, ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/live/{slug}/posts/{id}/history": {
      get: {
        summary: "A published post's earlier versions as a reader page (no script needed)",
        parameters: [slug, postId],
        responses: {
          "200": { description: "HTML", content: { "text/html": {} } },
          "404": { description: "Not a published post", content: { "text/html": {} } },
        },
      },
    },
  };
}
