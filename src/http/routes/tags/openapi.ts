// The OpenAPI path of a blog's tags, spread into the document by ../meta/openapi.ts.

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function tagPaths(): Json {
  const tag = {
    type: "object",
    required: ["tag", "slug", "posts"],
    properties: {
      tag: { type: "string", description: "The tag's words, as its newest use spells them" },
      slug: {
        type: "string",
        description: "Its address part: `/live/{slug}?tag=…`, `/api/blogs/{slug}/posts?tag=…`",
      },
      posts: { type: "integer", description: "How many published updates carry it" },
    },
  };
  return {
    "/api/blogs/{slug}/tags": {
      get: {
        summary:
          "The tags of the blog's published posts, each with how many updates carry it, most used first; public",
        parameters: [slug],
        responses: {
          "200": {
            description: "The blog's tags",
            ...json({
              type: "object",
              required: ["tags"],
              properties: { tags: { type: "array", items: tag } },
            }),
          },
          "304": { description: "Not modified" },
          "404": { description: "Error", ...json(ref("Error")) },
        },
      },
    },
  };
}
