// Readers' comments under a blog: what a comment is, what a reader may send, which words hold a
// comment for moderation, when reports hide one, and the threads readers see. A blog's comment
// settings live on the blog (blog.ts); the operations are in operations/comments.ts.

import { z } from "zod";
import { text } from "./text.js";

/** Off: no comments. Pre: each waits for an editor. Post: out at once, taken down if need be. */
export type CommentMode = "off" | "pre" | "post";
export const COMMENT_MODES = ["off", "pre", "post"] as const;

/** Pending: not public yet. Approved: public. Rejected: gone, its words forgotten. */
export type CommentStatus = "pending" | "approved" | "rejected";

/** Why a comment waits: the blog's pre-moderation, a blocked word, or readers' reports. */
export type HeldFor = "moderation" | "words" | "reports";

export interface Comment {
  id: string;
  blogId: string;
  /** The comment this one answers; replies are one level deep. */
  parentId: string | null;
  name: string;
  text: string;
  status: CommentStatus;
  heldFor: HeldFor | null;
  /** How many addresses reported it. */
  reports: number;
  /** A keyed hash of the sender's address (never the address): the rate limit counts it. */
  addressKey: string;
  createdAt: string;
  /** When an editor approved or rejected it. */
  moderatedAt: string | null;
}

/** A comment as readers see it: no address key, no moderation state. */
export interface PublicComment {
  id: string;
  parentId: string | null;
  name: string;
  text: string;
  createdAt: string;
}

export interface CommentThread extends PublicComment {
  replies: PublicComment[];
}

export const COMMENT_NAME_MAX = 80;
export const COMMENT_TEXT_MAX = 2000;
/** Reports from this many addresses hide a post-moderated comment until an editor looks. */
export const REPORTS_TO_HIDE = 3;
/** Comments one address may send to a blog per hour, unless the blog says otherwise. */
export const DEFAULT_COMMENTS_PER_HOUR = 5;

export const CommentInput = z.object({
  name: text()
    .trim()
    .min(1, "Give a name to show with your comment")
    .max(COMMENT_NAME_MAX, `A name has at most ${COMMENT_NAME_MAX} characters`),
  text: text()
    .trim()
    .min(1, "Write a comment")
    .max(COMMENT_TEXT_MAX, `A comment has at most ${COMMENT_TEXT_MAX} characters`),
  parentId: z
    .string()
    .regex(/^[0-9a-z]{17}$/, "Not a comment of this blog")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // The honeypot: a field people never see, which form-filling robots fill in.
  website: z.string().max(500).optional(),
});

export type CommentInput = z.infer<typeof CommentInput>;

/** A blog's blocked words: each a word or phrase, matched whole and regardless of case. */
export const CommentWords = z
  .array(
    text()
      .trim()
      .min(1, "A blocked word cannot be empty")
      .max(60, "A blocked word has at most 60 characters"),
  )
  .max(500, "At most 500 blocked words");

/** The first blocked word `text` holds (whole words, any case), or undefined. */
export function blockedWordIn(text: string, words: readonly string[]): string | undefined {
  const folded = fold(text);
  for (const word of words) {
    const needle = fold(word);
    if (!needle) continue;
    let at = folded.indexOf(needle);
    while (at >= 0) {
      const before = folded[at - 1];
      const after = folded[at + needle.length];
      if (!isWordChar(before) && !isWordChar(after)) return word;
      at = folded.indexOf(needle, at + 1);
    }
  }
  return undefined;
}

function fold(value: string): string {
  return value.normalize("NFKC").toLocaleLowerCase();
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_]/u.test(char);
}

export function publicComment(comment: Comment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    name: comment.name,
    text: comment.text,
    createdAt: comment.createdAt,
  };
}

/**
 * Approved comments as threads, oldest first: top-level comments with their replies. A reply
 * whose comment is not public (rejected, or waiting) is not shown: it answers nothing readers
 * can see.
 */
export function threadComments(
  topLevel: readonly Comment[],
  replies: readonly Comment[],
): CommentThread[] {
  const byParent = new Map<string, PublicComment[]>();
  for (const reply of replies) {
    if (!reply.parentId) continue;
    const list = byParent.get(reply.parentId) ?? [];
    list.push(publicComment(reply));
    byParent.set(reply.parentId, list);
  }
  return topLevel.map((comment) => ({
    ...publicComment(comment),
    replies: byParent.get(comment.id) ?? [],
  }));
}
