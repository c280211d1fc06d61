// What the core asks of the store about readers' comments (core/comments.ts).

import type { Comment, CommentStatus, HeldFor } from "../comments.js";

/** Which comments the moderation screen lists. */
export type CommentQueue = "pending" | "reported";

/** A comment's moderation, as an editor or readers' reports change it. */
export interface CommentUpdate {
  status: CommentStatus;
  heldFor: HeldFor | null;
  moderatedAt: string | null;
  /** Forget its reports (an editor approved it after looking). */
  clearReports?: boolean;
}

/** Readers' comments (operations/comments.ts). */
export interface CommentStore {
  insertComment(comment: Comment): Promise<void>;
  findComment(commentId: string): Promise<Comment | undefined>;
  /** Writes the moderation; a rejected comment's name and words are emptied. */
  updateComment(commentId: string, update: CommentUpdate): Promise<void>;
  /** Approved top-level comments, oldest first, after the comment id `after`. */
  listApprovedComments(blogId: string, page: { after?: string; limit: number }): Promise<Comment[]>;
  /** Approved replies to these comments, oldest first. */
  listApprovedReplies(blogId: string, parentIds: readonly string[]): Promise<Comment[]>;
  listCommentQueue(blogId: string, queue: CommentQueue, limit: number): Promise<Comment[]>;
  /** When this address sent comments to the blog since `since`, oldest first. */
  listRecentCommentTimes(blogId: string, addressKey: string, since: string): Promise<string[]>;
  /** Counts a report; false when the address reported this comment already. */
  reportComment(commentId: string, addressKey: string, at: string): Promise<boolean>;
  /** A blog's comments that are not rejected, oldest first (an export, operations/transfer/). */
  listBlogComments(blogId: string): Promise<Comment[]>;
  /** Empties the words of every change about the comment (it was taken down). */
  forgetCommentWords(blogId: string, commentId: string): Promise<void>;
}
