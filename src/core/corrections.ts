// Corrections in the open: what counts as an edit readers are told about (a change of a
// published post's words: its title, body or source line, not a pin, a key-event mark or its
// verification, which the badge shows), and the public version history kept of it: the words
// shown before each such change, from when until when, with the correction note that came
// with the change. A legal takedown (operations/corrections.ts) deletes a post's history with
// the post's words.

import { z } from "zod";
import type { PostSource } from "./attribution.js";
import type { Post } from "./post.js";
import { text } from "./text.js";

export const TakedownInput = z
  .object({
    reason: text()
      .trim()
      .min(1, "Say why the post is taken down: the audit log keeps it")
      .max(2000)
      .describe(
        "Why the post is taken down (a court order, a legal request): kept in the audit log",
      ),
  })
  .strict();

/** The words a published post showed before a change. */
export interface PostVersion {
  id: string;
  blogId: string;
  postId: string;
  title: string;
  blocks: Post["blocks"];
  html: string;
  /** When these words went public: the post's publishing, or the change before this one. */
  shownFrom: string;
  /** When they were replaced. */
  replacedAt: string;
  /** The correction note given with the change that replaced them. */
  note: string | null;
  /** The source line the post credited then; null for none. */
  source: PostSource | null;
}

/** Whether `next` says something other than `current`: its title, body or source line. */
export function wordsChanged(current: Post, next: Post): boolean {
  return (
    current.title !== next.title ||
    current.html !== next.html ||
    !sameSource(current.source ?? null, next.source ?? null)
  );
}

export function sameSource(a: PostSource | null, b: PostSource | null): boolean {
  return (a?.text ?? null) === (b?.text ?? null) && (a?.url ?? null) === (b?.url ?? null);
}

/** The version `current` becomes when its words are replaced at `at`. */
export function versionOf(
  current: Post,
  id: string,
  at: string,
  note: string | undefined,
): PostVersion {
  return {
    id,
    blogId: current.blogId,
    postId: current.id,
    title: current.title,
    blocks: current.blocks,
    html: current.html,
    shownFrom: current.contentUpdatedAt ?? current.publishedAt ?? current.createdAt,
    replacedAt: at,
    note: note ?? null,
    source: current.source ?? null,
  };
}
