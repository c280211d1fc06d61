// The OpenAPI path of the reader's interface words, spread into the document by
// ../meta/openapi.ts.

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function readerMessagesPaths(): Json {
  const message = {
    oneOf: [
      { type: "string", description: "Words with `{name}` holes to fill" },
      {
        type: "object",
        description:
          "A plural: its forms by Intl.PluralRules category (zero, one, two, few, many, other), `#` standing for the number",
        additionalProperties: { type: "string" },
      },
    ],
  };
  const answer = {
    type: "object",
    required: ["language", "catalogue", "messages"],
    properties: {
      language: { type: "string", description: "The blog's BCP 47 language tag" },
      catalogue: {
        type: "string",
        description: "The message file chosen for it (its primary subtag, else en)",
      },
      messages: { type: "object", additionalProperties: message },
    },
  };
  return {
    "/api/blogs/{slug}/reader-messages": {
      get: {
        summary:
          "The reader's interface words in the blog's language, for the script embed; public",
        parameters: [slug],
        responses: {
          "200": { description: "The messages by key", ...json(answer) },
          "304": { description: "Not modified" },
          "404": { description: "Error", ...json(ref("Error")) },
        },
      },
    },
  };
}
