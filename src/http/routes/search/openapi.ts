// The OpenAPI path of the desk's search, spread into the document by ../meta/openapi.ts. Its
// query parameters come from the zod schema that validates them.

import { z } from "zod";
import { PostSearchQuery } from "../../../core/operations/search.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [String(s), { description: "Error", ...json(ref("Error")) }]),
  );
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function searchPaths(): Json {
  const parameters = Object.entries(PostSearchQuery.shape).map(([name, field]) => {
    const { description, ...schema } = z.toJSONSchema(field, { io: "input" }) as Json;
    return { name, in: "query", description, schema };
  });
  return {
    "/api/blogs/{slug}/posts/search": {
      get: {
        summary:
          "Find any post of the blog by words (title and text), author and status, newest first; newsroom only, deleted posts never",
        description:
          "Every word of `q` must appear in the post's title or text, in any case. Reporters find everyone's published and scheduled posts and only their own drafts and submissions.",
        security: signedIn,
        parameters: [slug, ...parameters],
        responses: {
          "200": { description: "A page of posts", ...json(ref("PostPage")) },
          ...errors(400, 401, 403, 404),
        },
      },
    },
  };
}
