// A reader's comment as the newsroom's moderation queue and the desk stream's `desk-comment`
// event carry it. Readers' public comments are the `comment` change (presentChange).

import type { Comment } from "../../core/comments.js";

/** A comment as the moderation screen shows it: its state, never the sender's address key. */
export function presentDeskComment(comment: Comment): Omit<Comment, "addressKey" | "blogId"> {
  const { addressKey: _key, blogId: _blog, ...shown } = comment;
  return shown;
}
