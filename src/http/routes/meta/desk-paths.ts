// OpenAPI paths of the newsroom's desk (approval, the desk stream, presence, reader counts),
// the polling fallback, media uploads and the media library; spread into the document by
// ./openapi.ts.

import { z } from "zod";
import { mediaListOperation, mediaPatchOperation } from "../media/openapi.js";
import { UploadedImageJson } from "../media/schema.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [String(s), { description: "Error", ...json(ref("Error")) }]),
  );
const signedIn = [{ bearerAuth: [] }, { sessionCookie: [] }];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const postId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const decision = json({
  type: "object",
  properties: {
    version: { type: "integer", minimum: 1 },
    note: { type: "string", maxLength: 1000 },
  },
});
const sharedBlogs = {
  name: "blogs",
  in: "query",
  required: true,
  description: "SLUG or SLUG:LAST_ID, comma-separated, at most 24, each once",
  schema: { type: "string", example: "harbour:12,airport" },
};
const stream = { description: "text/event-stream", content: { "text/event-stream": {} } };

/** An editor's decision on a submission: approve or return. */
const decisionPath = (summary: string) => ({
  post: {
    summary,
    security: signedIn,
    parameters: [slug, postId],
    requestBody: decision,
    responses: {
      "200": { description: "The post", ...json(ref("Post")) },
      ...errors(401, 403, 404, 409),
    },
  },
});

export function deskPaths(): Json {
  return {
    "/api/blogs/{slug}/posts/{id}/approve": decisionPath(
      "Approve a reporter's submission: it goes out (or is scheduled)",
    ),
    "/api/blogs/{slug}/posts/{id}/return": decisionPath(
      "Return a submission to its author as a draft, with a note",
    ),
    "/api/blogs/{slug}/desk": {
      get: {
        summary:
          "Newsroom stream: desk-post, desk-delete, presence and (for editors and admins) contribution events (not replayed)",
        security: signedIn,
        parameters: [slug],
        responses: { "200": stream, ...errors(401, 403, 404) },
      },
    },
    "/api/desk/events": {
      get: {
        summary:
          "One stream for several blogs' desks, their public events included, shared by a browser's desk tabs: each event's first data line names its blog; `attached` once a blog is live; resume each blog by its last id in `blogs`",
        security: signedIn,
        parameters: [sharedBlogs],
        responses: { "200": stream, ...errors(400, 401, 403, 404) },
      },
    },
    "/api/events": {
      get: {
        summary:
          "One stream of several blogs' public events, shared by a reader's tabs: each event's first data line names its blog; `attached` once a blog is live, `unknown` for a blog that does not exist",
        parameters: [sharedBlogs],
        responses: { "200": stream, ...errors(400, 404, 406) },
      },
    },
    "/api/blogs/{slug}/presence": {
      post: {
        summary: "Say which post you are editing (null: none)",
        security: signedIn,
        parameters: [slug],
        requestBody: json({
          type: "object",
          properties: { editing: { type: ["string", "null"] } },
          required: ["editing"],
        }),
        responses: { "204": { description: "Recorded" }, ...errors(401, 403, 404, 422) },
      },
    },
    "/api/blogs/{slug}/readers": {
      get: {
        summary: "Readers with the blog open now, summed across nodes",
        security: signedIn,
        parameters: [slug],
        responses: {
          "200": {
            description: "Count",
            ...json({
              type: "object",
              properties: {
                readers: { type: "integer" },
                partial: {
                  type: "boolean",
                  description: "Set while Redis is down: this node's readers only",
                },
              },
            }),
          },
          ...errors(401, 403, 404),
        },
      },
    },
    "/api/blogs/{slug}/changes": {
      get: {
        summary: "Polling fallback: the changes after `since`, as the event stream carries them",
        parameters: [
          slug,
          { name: "since", in: "query", schema: { type: "integer", minimum: 0 } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
        ],
        responses: {
          "200": {
            description:
              "Changes in order, each post once as it stands now or as a delete; ask again with since=last while `more` is true. A `since` more than 500 changes back answers no changes and `reset`: read the blog's posts afresh, then poll from `last`",
            ...json({
              type: "object",
              properties: {
                changes: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      seq: { type: "integer" },
                      event: { enum: ["post", "delete", "blog"] },
                      data: {},
                    },
                  },
                },
                last: { type: "integer" },
                more: { type: "boolean" },
                reset: {
                  type: "object",
                  properties: {
                    reason: { const: "too far behind" },
                    last: { type: "integer" },
                  },
                },
              },
            }),
          },
          "304": { description: "Not modified" },
          ...errors(404, 422),
        },
      },
    },
    "/api/media": {
      get: mediaListOperation(),
      post: {
        summary: "Upload an image (multipart field `file`); answers resized variants without EXIF",
        security: signedIn,
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: { file: { type: "string", format: "binary" } },
                required: ["file"],
              },
            },
          },
        },
        responses: {
          "201": { description: "Uploaded", ...json(z.toJSONSchema(UploadedImageJson) as Json) },
          // 429: this user has as many images in hand as they may; 503: everyone has (both
          // with Retry-After).
          ...errors(401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
    "/api/media/{id}": { patch: mediaPatchOperation() },
    "/api/media/import": {
      post: {
        summary:
          "Copy an image from another site (public addresses only) through the upload pipeline",
        security: signedIn,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { url: { type: "string", maxLength: 2000 } },
                required: ["url"],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          "201": {
            description: "Copied; `importedFrom` is the address the bytes came from",
            ...json(z.toJSONSchema(UploadedImageJson) as Json),
          },
          ...errors(401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
  };
}
