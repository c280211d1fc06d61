// /api/blogs/:slug/contributions: readers' contributions on the wire. The reader's body is
// core's ContributionInput; the same schemas feed the OpenAPI document.

import { z } from "zod";
import { Slug } from "../../../core/blog.js";
import { CONTRIBUTION_KINDS, CONTRIBUTION_STATUSES } from "../../../core/contributions.js";
import { UploadedImageJson } from "../media/schema.js";

export const ContributionParams = z.object({ slug: Slug, id: z.string().min(1).max(40) }).strict();

export const ContributionListQuery = z
  .object({
    status: z.enum([...CONTRIBUTION_STATUSES, "all"]).optional(),
    before: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

export const AnswerInput = z
  .object({ postId: z.string().min(1).max(40).describe("The published post that answers it") })
  .strict();

export const ChallengeJson = z.object({
  challenge: z.string().describe("Signed; send it back with the solution"),
  difficulty: z.number().int().describe("Leading zero bits SHA-256(challenge + nonce) must have"),
  expiresAt: z.iso.datetime(),
});

export const ContributionJson = z.object({
  id: z.string(),
  kind: z.enum(CONTRIBUTION_KINDS),
  text: z.string(),
  name: z.string().describe("The name the reader chose to be quoted with"),
  contact: z.string().nullable().describe("How to reach them; null when not given or erased"),
  status: z.enum(CONTRIBUTION_STATUSES),
  receivedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  answerPostId: z.string().nullable(),
  personalDataErasedAt: z.iso.datetime().nullable(),
  senderBlocked: z.boolean(),
  photo: z
    .object({ width: z.number().int(), height: z.number().int() })
    .nullable()
    .describe("The attached photo's size, read from …/contributions/{id}/photo; null when none"),
});

export const ContributionReceiptJson = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
});

export const ContributionListJson = z.object({
  contributions: z.array(ContributionJson),
  next: z.string().optional().describe("Pass as `before` for older ones"),
});

export const PublishedPhotoJson = UploadedImageJson.extend({
  credit: z.string().describe("The reader's chosen name, for the image block's credit"),
});
