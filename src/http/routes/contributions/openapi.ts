// The OpenAPI paths of readers' contributions, spread into the document by ../meta/openapi.ts.

import { z } from "zod";
import { ContributionInput } from "../../../core/contributions.js";
import {
  AnswerInput,
  ChallengeJson,
  ContributionJson,
  ContributionListJson,
  ContributionReceiptJson,
  PublishedPhotoJson,
} from "./schema.js";

type Json = Record<string, unknown>;

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
const json = (s: z.ZodType) => ({ content: { "application/json": { schema: schema(s) } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", content: { "application/json": { schema: errorRef } } },
    ]),
  );
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
const newsroom = [{ bearerAuth: [] }, { sessionCookie: [] }];

function decision(summary: string, description: string, body?: z.ZodType): Json {
  return {
    post: {
      summary,
      description,
      security: newsroom,
      parameters: [slug, id],
      ...(body ? { requestBody: { required: true, ...json(body) } } : {}),
      responses: {
        "200": { description: "The contribution as it is now", ...json(ContributionJson) },
        ...errors(400, 401, 403, 404, 409, 422),
      },
    },
  };
}

export function contributionPaths(): Json {
  return {
    "/api/blogs/{slug}/contributions/challenge": {
      get: {
        summary: "A proof-of-work challenge for a reader's contribution (anonymous)",
        description:
          "Signed, expiring and usable once. Find a nonce (letters, digits, `-`, `_`; at most 64) such that SHA-256 over the UTF-8 of challenge + nonce starts with `difficulty` zero bits, and send both with the contribution. 403 `contributions_closed` when the blog does not take contributions.",
        parameters: [slug],
        responses: {
          "200": { description: "A fresh challenge", ...json(ChallengeJson) },
          ...errors(403, 404),
        },
      },
    },
    "/api/blogs/{slug}/contributions": {
      post: {
        summary: "Send a question or what you are seeing (readers, anonymous)",
        description:
          "Needs a solved challenge: a missing or wrong one is 422 (`challenge_invalid`, `challenge_expired` with field `challenge`; `challenge_unsolved` with field `nonce`), one used already is 403 `challenge_used`. Each address may send only so many per hour (429 with Retry-After); a sender the desk blocked is refused with 403 `sender_blocked`. Nothing sent is public until an editor publishes a post quoting it; the address is kept only as a keyed hash, and the contact only for the retention period.",
        parameters: [slug],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schema(ContributionInput) },
            // The same fields as form fields, with the photo as a file part.
            "multipart/form-data": {
              schema: {
                ...schema(ContributionInput),
                properties: {
                  ...(schema(ContributionInput).properties as Json),
                  photo: {
                    type: "string",
                    format: "binary",
                    description:
                      "One optional photo (JPEG, PNG or WebP; at most 10 MB): 415 `unsupported_media_type` for anything else, 413 `payload_too_large` past the limit, both with field `photo`. Kept private to the newsroom with its metadata (GPS location among it) stripped.",
                  },
                },
              },
            },
          },
        },
        responses: {
          "201": { description: "Received", ...json(ContributionReceiptJson) },
          ...errors(400, 403, 404, 413, 415, 422, 429),
        },
      },
      get: {
        summary: "The moderation queue: readers' contributions, newest first (editors, admins)",
        security: newsroom,
        parameters: [
          slug,
          {
            name: "status",
            in: "query",
            schema: { type: "string", enum: ["new", "answered", "rejected", "all"] },
            description: "Default: new",
          },
          { name: "before", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: {
          "200": { description: "Contributions", ...json(ContributionListJson) },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/api/blogs/{slug}/contributions/{id}/answer": decision(
      "Mark a contribution answered by a published post",
      "The post must be a published post of the same blog, typically one quoting the reader's words with their chosen name. 409 `contribution_decided` if it was answered or rejected already.",
      AnswerInput,
    ),
    "/api/blogs/{slug}/contributions/{id}/reject": decision(
      "Reject a contribution",
      "It leaves the queue and is never public. 409 `contribution_decided` if it was answered or rejected already.",
    ),
    "/api/blogs/{slug}/contributions/{id}/block": decision(
      "Block the contribution's sender",
      "Their future contributions are refused with 403 `sender_blocked`; a new contribution is rejected too. 409 when its personal data was erased already.",
    ),
    "/api/blogs/{slug}/contributions/{id}/photo": {
      get: {
        summary: "The photo a reader attached (editors, admins)",
        description:
          "The largest JPEG made from it, upright and without metadata. Never cached (`private, no-store`); never under `/media/`. 404 `media_not_found` when the contribution has no photo or its personal data was erased.",
        security: newsroom,
        parameters: [slug, id],
        responses: {
          "200": {
            description: "The photo",
            content: { "image/jpeg": { schema: { type: "string", format: "binary" } } },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/api/blogs/{slug}/contributions/{id}/photo/publish": {
      post: {
        summary: "Publish a copy of a reader's photo for an answer (editors, admins)",
        description:
          "Copies the photo into the media library as an ordinary published image under `/media/`, credited to the reader's chosen name, and answers like an upload (plus `credit`), for an image block of the answer. The private photo stays private and is still erased with the reader's personal data. 404 `media_not_found` when there is no photo.",
        security: newsroom,
        parameters: [slug, id],
        responses: {
          "201": { description: "The published image", ...json(PublishedPhotoJson) },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/api/blogs/{slug}/contributions/{id}/personal-data": {
      delete: {
        summary: "Erase the sender's personal data (contact, address hash and photo)",
        description:
          "On the reader's request: keeps the words and the chosen name, nothing that reaches, traces or shows the sender; the photo's files are deleted. Audited.",
        security: newsroom,
        parameters: [slug, id],
        responses: {
          "200": { description: "The contribution as it is now", ...json(ContributionJson) },
          ...errors(400, 401, 403, 404),
        },
      },
    },
  };
}
