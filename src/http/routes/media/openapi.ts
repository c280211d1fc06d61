// The OpenAPI operations of the media library, placed beside the upload's in
// ../meta/desk-paths.ts. Parameters and shapes come from the zod schemas the routes use.

import { z } from "zod";
import { MediaPatchInput } from "../../../core/media.js";
import { MediaLibraryQuery } from "./library.js";
import { MediaItemJson, MediaPageJson } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input" }) as Json;

export function mediaListOperation(): Json {
  const parameters = Object.entries(MediaLibraryQuery.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = schema(field);
    return { name, in: "query", description, schema: fieldSchema };
  });
  return {
    summary:
      "The media library: earlier uploads, newest first, found by their words (newsroom only)",
    description:
      "Every word of `q` must be in the image's file name, alt text, caption, credit or uploader's name, in any case. An image's words are remembered from the posts that publish or save it (a word left empty keeps the earlier one) and can be changed with PATCH.",
    security: signedIn,
    parameters,
    responses: {
      "200": { description: "A page of images", ...json(schema(MediaPageJson)) },
      ...errors(400, 401, 403),
    },
  };
}

export function mediaPatchOperation(): Json {
  return {
    summary:
      "Change an image's alt text, caption or credit in the library (editors; reporters their own uploads)",
    security: signedIn,
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    requestBody: { required: true, ...json(schema(MediaPatchInput)) },
    responses: {
      "200": { description: "The image", ...json(schema(MediaItemJson)) },
      ...errors(401, 403, 404, 422),
    },
  };
}
