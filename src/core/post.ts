// Posts: the updates of a live blog. A post is a draft, scheduled for a time, or published;
// deleting one keeps the row (marked deleted) so the change log and audit stay whole.

import { z } from "zod";
import {
  type PostSource,
  PostSourceInput,
  type Verification,
  VerificationInput,
} from "./attribution.js";
import { type Byline, BylinesInput } from "./byline.js";
import { Blocks } from "./content/blocks.js";
import type { PostOrigin } from "./syndication.js";
import { TagsInput } from "./tags.js";
import { hasNul, text } from "./text.js";

/** `submitted`: a reporter's post waiting in the approval queue for an editor. */
export type PostStatus = "published" | "draft" | "scheduled" | "submitted";

export interface Post {
  id: string;
  blogId: string;
  title: string;
  blocks: z.infer<typeof Blocks>;
  /** The body rendered to safe HTML, kept with the post so it is rendered once per change. */
  html: string;
  authorId: string;
  authorName: string;
  pinned: boolean;
  keyEvent: boolean;
  status: PostStatus;
  /** When a scheduled post goes out. */
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
  /** Who the post is by; empty for posts older than bylines (see shownBylines). */
  bylines: Byline[];
  /** Why an editor returned this submission to its reporter; cleared when it is sent again. */
  returnNote?: ReturnNote | null;
  /** Set on a post syndicated from a followed blog (syndication.ts): where it came from. */
  origin?: PostOrigin | null;
  /** Who the information comes from ("via Reuters"), with an optional link (attribution.ts). */
  source?: PostSource | null;
  /** Confirmed, unconfirmed or disputed, with an optional note; null when not stated. */
  verification?: Verification | null;
  /** Labels readers can follow (tags.ts), in the desk's order; absent or empty when none. */
  tags?: string[];
  /** When the words (title or body) last changed after publishing: "Updated 14:32". */
  contentUpdatedAt?: string | null;
  /** The latest correction note, shown to readers with its time (corrections.ts). */
  correction?: Correction | null;
}

export interface Correction {
  note: string;
  at: string;
}

export interface ReturnNote {
  note: string;
  by: { id: string; name: string };
  at: string;
}

const Title = text().trim().max(300);
const PublishAt = z.iso.datetime({
  offset: true,
  message: "Use an ISO 8601 time such as 2026-11-26T14:00:00Z",
});

export const PostCreateInput = z
  .object({
    title: Title.optional(),
    blocks: Blocks.min(1, "A post needs at least one block"),
    pinned: z.boolean().optional(),
    keyEvent: z.boolean().optional(),
    status: z.enum(["published", "draft", "scheduled", "submitted"]).optional(),
    publishAt: PublishAt.optional(),
    bylines: BylinesInput.optional().describe(
      "Who the post is by: [{userId}] for newsroom users, [{name}] for agencies and guests; leave out to sign it yourself. Reporters must include themselves and may add only free-text names.",
    ),
    source: PostSourceInput.nullable().optional(),
    verification: VerificationInput.nullable().optional(),
    tags: TagsInput.optional(),
  })
  .strict();

export const PostPatchInput = z
  .object({
    title: Title.optional(),
    blocks: Blocks.min(1, "A post needs at least one block").optional(),
    pinned: z.boolean().optional(),
    keyEvent: z.boolean().optional(),
    status: z.enum(["published", "draft", "scheduled", "submitted"]).optional(),
    publishAt: PublishAt.nullable().optional(),
    bylines: BylinesInput.optional().describe(
      "Replaces the bylines; reporters keep themselves and may add only free-text names",
    ),
    source: PostSourceInput.nullable()
      .optional()
      .describe("Replaces the source line; null removes it"),
    verification: VerificationInput.nullable()
      .optional()
      .describe("Replaces the verification; null removes it. Reporters may only mark unconfirmed"),
    tags: TagsInput.optional(),
    correction: text()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'A correction note readers see with the post ("Correction, 14:32: …"); only with a change of the title, body or source line of a published post, whose earlier words then appear in its public history',
      ),
    publishedAt: PublishAt.optional().describe(
      "Editors only: the displayed time of a published post, within the blog's coverage (not before it began, not in the future, not after it closed); the post moves to that place in the stream",
    ),
    version: z.number().int().positive().optional(),
  })
  .strict();

export type PostCreateInput = z.infer<typeof PostCreateInput>;
export type PostPatchInput = z.infer<typeof PostPatchInput>;

/** Where a page of posts ends: the next page starts after this post. */
export interface PostCursor {
  publishedAt: string;
  id: string;
}

/** The time a list of posts is ordered by: when it went out, is due, or was started. */
export function sortTime(
  post: Pick<Post, "status" | "publishedAt" | "publishAt" | "createdAt">,
): string {
  if (post.status === "published") return post.publishedAt ?? post.createdAt;
  if (post.status === "scheduled") return post.publishAt ?? post.createdAt;
  return post.createdAt;
}

export function encodeCursor(
  post: Pick<Post, "status" | "publishedAt" | "publishAt" | "createdAt" | "id">,
): string {
  return Buffer.from(`${sortTime(post)}|${post.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): PostCursor | null {
  const [publishedAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // A cursor is only ever one we made; a NUL in one is forged, and PostgreSQL would refuse it.
  if (!publishedAt || !id || hasNul(id) || Number.isNaN(Date.parse(publishedAt))) return null;
  return { publishedAt, id };
}
