// The OpenAPI paths of the byline routes (contributors and profiles), spread into the
// document by ../meta/openapi.ts; the profile body comes from the zod schema that checks it.

import { z } from "zod";
import { ProfileInput } from "../../../core/operations/profiles.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const str = { type: "string" };

const contributor = {
  type: "object",
  properties: { id: str, name: str, title: str, avatar: str },
  required: ["id", "name"],
};

export function contributorPaths(): Json {
  return {
    "/api/contributors": {
      get: {
        summary:
          "The colleagues one may put on a byline: every active user for editors and admins, oneself for reporters",
        security: signedIn,
        responses: {
          "200": {
            description: "Contributors",
            ...json({
              type: "object",
              properties: { contributors: { type: "array", items: contributor } },
            }),
          },
          ...errors(401),
        },
      },
    },
    "/api/users/{id}/profile": {
      patch: {
        summary: "Set a user's byline title and avatar: one's own, or (admins) anyone's",
        security: signedIn,
        parameters: [{ name: "id", in: "path", required: true, schema: str }],
        requestBody: {
          required: true,
          ...json(z.toJSONSchema(ProfileInput, { io: "input", unrepresentable: "any" }) as Json),
        },
        responses: {
          "200": {
            description: "The user",
            ...json({
              type: "object",
              properties: { id: str, email: str, name: str, role: str, title: str, avatar: str },
            }),
          },
          ...errors(401, 403, 404, 422),
        },
      },
    },
  };
}
