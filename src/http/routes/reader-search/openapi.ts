// The OpenAPI path of the readers' search, spread into the document by ../meta/openapi.ts. Its
// query parameters come from the zod schema that validates them.

import { z } from "zod";
import { ReaderSearchQuery } from "../../../core/operations/reader-search.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function readerSearchPaths(): Json {
  const parameters = Object.entries(ReaderSearchQuery.shape).map(([name, field]) => {
    const { description, ...schema } = z.toJSONSchema(field, { io: "input" }) as Json;
    return { name, in: "query", description, schema };
  });
  const result = {
    type: "object",
    required: ["words", "results"],
    properties: {
      words: { type: "array", items: { type: "string" }, description: "The words looked for" },
      results: {
        type: "array",
        items: {
          type: "object",
          required: ["post", "snippet", "snippetHtml"],
          properties: {
            post: ref("Post"),
            snippet: {
              type: "object",
              properties: {
                text: { type: "string" },
                marks: {
                  type: "array",
                  description: "[start, end) offsets of the matching words in text",
                  items: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 },
                },
              },
            },
            snippetHtml: {
              type: "string",
              description: "The snippet escaped, each match in <mark>",
            },
          },
        },
      },
      next: {
        type: "integer",
        description: "The next page's number (`page`), when more posts match",
      },
    },
  };
  return {
    "/api/blogs/{slug}/search": {
      get: {
        summary:
          "Search the blog's published posts by words (full text, in any case and script), best match first; public",
        parameters: [slug, ...parameters],
        responses: {
          "200": { description: "The posts found, each with a snippet", ...json(result) },
          "304": { description: "Not modified" },
          "400": { description: "Error", ...json(ref("Error")) },
          "404": { description: "Error", ...json(ref("Error")) },
        },
      },
    },
  };
}
