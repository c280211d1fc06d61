// The OpenAPI path of the oEmbed provider, spread into the document by ../meta/openapi.ts.
// Its query parameters come from the zod schema that validates them.

import { z } from "zod";
import { OEmbedJson, OEmbedQuery } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", ...json({ $ref: "#/components/schemas/Error" }) },
    ]),
  );

export function oembedPaths(): Json {
  const parameters = Object.entries(OEmbedQuery.shape).map(([name, field]) => {
    const { description, ...schema } = z.toJSONSchema(field, { io: "input" }) as Json;
    return { name, in: "query", required: name === "url", description, schema };
  });
  return {
    "/oembed": {
      get: {
        summary:
          "oEmbed 1.0 for a reader page or a post permalink of this site: a `rich` embed whose html is an iframe of the blog's embed page",
        description:
          "Public, with `Access-Control-Allow-Origin: *`. A url that is not an address (or not http/https) is 400 `invalid_query` with field `url`; an address of another site, or of no public blog or post, is 404. `format=xml` answers the same in oEmbed's XML form.",
        parameters,
        responses: {
          "200": {
            description: "The embed",
            content: {
              "application/json": {
                schema: z.toJSONSchema(OEmbedJson, { io: "output" }) as Json,
              },
              "text/xml": {},
            },
          },
          ...errors(400, 404),
        },
      },
    },
  };
}
