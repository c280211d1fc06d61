// The OpenAPI paths of /api/blogs/{slug}/follow, spread into the document by ../meta/openapi.ts.

import { z } from "zod";
import { FollowInput } from "../../../core/syndication.js";
import { FollowStatusJson } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function followPaths(): Json {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input" }) as Json;
  const status = { description: "How the follow stands", ...json(schema(FollowStatusJson)) };
  return {
    "/api/blogs/{slug}/follow": {
      parameters: [slug],
      get: {
        summary: "Whether this blog follows another, and how the follow stands (editors, admins)",
        security: signedIn,
        responses: { "200": status, ...errors(401, 403, 404) },
      },
      put: {
        summary: "Follow another Dispatch blog (editors, admins)",
        description:
          "The source's published posts (or only its key events) appear in this blog, marked with their `origin`, and follow its edits and deletions. The source must be a Dispatch blog's reader URL (`https://host/live/slug`) this server may reach: private and loopback addresses are refused (422 `fetch_refused`, field `source`) unless the operator set FETCH_ALLOW_PRIVATE; an address that is not a blog's is 422 `validation_failed` or `fetch_failed`. Changing the source or `keyEventsOnly` starts the follow over from the source's first event.",
        security: signedIn,
        requestBody: { required: true, ...json(schema(FollowInput)) },
        responses: { "200": status, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
      delete: {
        summary: "Stop following (the posts that came from the source stay, marked)",
        security: signedIn,
        responses: { "204": { description: "No longer following" }, ...errors(401, 403, 404) },
      },
    },
  };
}
