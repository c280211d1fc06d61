// The OpenAPI paths of the desk's numbers and a reader's share, spread into the document by
// ../meta/openapi.ts.

import { NUMBERS_MAX_HOURS } from "../../../core/numbers.js";
import { SHARE_NETWORKS } from "./schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", ...json({ $ref: "#/components/schemas/Error" }) },
    ]),
  );
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const postId = { name: "id", in: "path", required: true, schema: { type: "string" } };

const DeskNumbersJson = {
  type: "object",
  properties: {
    hours: { type: "integer" },
    readersNow: { type: "integer", description: "Live readers now, across every node" },
    partial: { type: "boolean", description: "Set while Redis is down: this node's readers only" },
    from: { type: "string", format: "date-time", description: "The window's first minute" },
    to: { type: "string", format: "date-time", description: "The window's last minute (now)" },
    readers: {
      type: "array",
      description: "Every minute of the window, oldest first: live readers summed over the nodes",
      items: {
        type: "object",
        properties: {
          minute: { type: "string", format: "date-time" },
          readers: { type: "integer" },
        },
        required: ["minute", "readers"],
      },
    },
    topUpdates: {
      type: "array",
      description: "The published updates most opened (permalink pages served), then most shared",
      items: {
        type: "object",
        properties: {
          postId: { type: "string" },
          title: { type: "string", description: "Its title, else the start of its words" },
          opens: { type: "integer" },
          shares: { type: "integer" },
        },
        required: ["postId", "title", "opens", "shares"],
      },
    },
    embeds: {
      type: "array",
      description: "Embed loads per host page (its name only), most first",
      items: {
        type: "object",
        properties: {
          kind: {
            type: "string",
            enum: ["host", "unknown", "others"],
            description:
              "`unknown`: the page gave no Referer or Origin; `others`: host pages past the count's cap, together",
          },
          host: { type: "string" },
          loads: { type: "integer" },
        },
        required: ["kind", "loads"],
      },
    },
  },
  required: ["hours", "readersNow", "from", "to", "readers", "topUpdates", "embeds"],
};

const share = {
  type: "object",
  properties: { network: { type: "string", enum: [...SHARE_NETWORKS] } },
  required: ["network"],
};

export function numbersPaths(): Json {
  return {
    "/api/blogs/{slug}/numbers": {
      get: {
        summary: "The desk's numbers: readers over time, top updates, embeds by host page",
        description: `Editors and admins. Counted without cookies or personal data, on every node: readers are sampled once a minute per node and summed; permalink opens, shares and embed loads are counted per hour (so \`hours\` reaches back to the start of its first hour for those). Counts reach the database every few seconds. Up to ${NUMBERS_MAX_HOURS} hours are kept.`,
        security: signedIn,
        parameters: [
          slug,
          {
            name: "hours",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: NUMBERS_MAX_HOURS, default: 6 },
          },
        ],
        responses: {
          "200": { description: "The blog's numbers", ...json(DeskNumbersJson) },
          ...errors(401, 403, 404, 422),
        },
      },
    },
    "/api/blogs/{slug}/posts/{id}/shares": {
      parameters: [slug, postId],
      post: {
        summary: "Count a share of a published update (readers, anonymous)",
        description:
          "What a reader's share control sends with `navigator.sendBeacon`: the network alone. No cookie is read or set and nothing about the reader is kept; each address may count only so often (429 with Retry-After). An unpublished or unknown post is 404; an unknown network 422 with field `network`.",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: share },
            "application/json": { schema: share },
          },
        },
        responses: { "204": { description: "Counted" }, ...errors(400, 404, 413, 415, 422, 429) },
      },
    },
  };
}
