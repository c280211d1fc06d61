// Readers' comments under a blog: sending one (the blog's mode, closing, the per-address limit,
// the word filter), reading the approved threads, reporting abuse, and an editor's approval or
// rejection. An approved comment is a `comment` change, pushed live and replayed like the
// rest; a comment taken down is a `comment-removal`, and its words leave every change.

import type { Blog } from "../blog.js";
import {
  blockedWordIn,
  type Comment,
  CommentInput,
  type CommentThread,
  DEFAULT_COMMENTS_PER_HOUR,
  type HeldFor,
  publicComment,
  REPORTS_TO_HIDE,
  threadComments,
} from "../comments.js";
import { DomainError } from "../errors.js";
import { newId } from "../ids.js";
import { ensure } from "../permissions.js";
import type { CommentQueue, Newsroom, Store } from "../ports.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { getBlog } from "./read.js";

const HOUR_MS = 60 * 60 * 1000;

export interface SendCommentInput {
  body: unknown;
  /**
   * The sender's keyed address (comment-addresses.ts), asked only once the comment is
   * otherwise valid: a refused comment makes no secret.
   */
  addressKey: () => Promise<string>;
}

/** Whether the blog takes comments now; throws `comments_off` or `comments_closed` if not. */
export function ensureCommentsOpen(blog: Blog): void {
  if (!blog.comments || blog.comments === "off") {
    throw new DomainError("comments_off", "This blog does not take comments");
  }
  if (blog.commentsClosed) {
    throw new DomainError("comments_closed", "Comments on this blog are closed");
  }
}

export async function sendComment(
  newsroom: Newsroom,
  slug: string,
  input: SendCommentInput,
): Promise<Comment> {
  const blog = await getBlog(newsroom, slug);
  ensureCommentsOpen(blog);
  const fields = parseInput(CommentInput, input.body);
  if (fields.website) {
    throw new DomainError("validation_failed", "Leave this field empty", { field: "website" });
  }
  const { parentId } = fields;
  if (parentId) checkParent(blog, await newsroom.store.findComment(parentId));
  // Outside the transaction: the key's secret may be written on first use, by the store itself.
  const addressKey = await input.addressKey();
  return commitChanges(newsroom, async (recorder) => {
    const { tx, at } = recorder;
    // Again inside: the comment answered may have been rejected meanwhile.
    if (parentId) checkParent(blog, await tx.findComment(parentId));
    await checkRate(tx, blog, addressKey, at);
    const blocked = blockedWordIn(`${fields.name} ${fields.text}`, blog.commentWords ?? []);
    const heldFor: HeldFor | null =
      blog.comments === "pre" ? "moderation" : blocked ? "words" : null;
    const comment: Comment = {
      id: newId(Date.parse(at)),
      blogId: blog.id,
      parentId: fields.parentId ?? null,
      name: fields.name,
      text: fields.text,
      status: heldFor ? "pending" : "approved",
      heldFor,
      reports: 0,
      addressKey,
      createdAt: at,
      moderatedAt: null,
    };
    await tx.insertComment(comment);
    if (comment.status === "approved") await publish(recorder, comment);
    recorder.desk({ blogId: blog.id, kind: "desk-comment", comment });
    return comment;
  });
}

/** A reply answers an approved comment of the blog that started its thread. */
function checkParent(blog: Blog, parent: Comment | undefined): void {
  if (!parent || parent.blogId !== blog.id || parent.status !== "approved") {
    throw new DomainError("validation_failed", "No comment to reply to with that id", {
      field: "parentId",
    });
  }
  if (parent.parentId) {
    throw new DomainError("validation_failed", "Reply to the comment that started the thread", {
      field: "parentId",
    });
  }
}

/** An address may send the blog's `commentsPerHour` in any hour; more waits, with a time. */
async function checkRate(store: Store, blog: Blog, addressKey: string, at: string): Promise<void> {
  const now = Date.parse(at);
  const allowed = blog.commentsPerHour ?? DEFAULT_COMMENTS_PER_HOUR;
  // Read in the comment's own transaction: SQLite has one connection, and a read beside the
  // open transaction would wait for it for ever.
  const times = await store.listRecentCommentTimes(
    blog.id,
    addressKey,
    new Date(now - HOUR_MS).toISOString(),
  );
  if (times.length < allowed) return;
  // The next comment may go once the oldest counted one is an hour old.
  const oldest = Date.parse(times[times.length - allowed] ?? at);
  const retryAfter = Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
  throw new DomainError(
    "too_many_attempts",
    `Too many comments from this address: try again in ${Math.ceil(retryAfter / 60)} min`,
    { details: { retryAfter } },
  );
}

export interface CommentPage {
  comments: CommentThread[];
  /** The id to read the next page after, when there is one. */
  next?: string;
}

/** Approved comments with their approved replies, oldest thread first. */
export async function listComments(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  page: { after?: string; limit: number },
): Promise<CommentPage> {
  if (!blog.comments || blog.comments === "off") return { comments: [] };
  const topLevel = await newsroom.store.listApprovedComments(blog.id, {
    ...(page.after ? { after: page.after } : {}),
    limit: page.limit + 1,
  });
  const shown = topLevel.slice(0, page.limit);
  const replies = await newsroom.store.listApprovedReplies(
    blog.id,
    shown.map((comment) => comment.id),
  );
  const comments = threadComments(shown, replies);
  const last = shown[shown.length - 1];
  return topLevel.length > page.limit && last ? { comments, next: last.id } : { comments };
}

export interface ReportOutcome {
  /** The comment is hidden now, waiting for an editor. */
  hidden: boolean;
}

/** A reader reports a public comment; enough reports hide a post-moderated one. */
export async function reportComment(
  newsroom: Newsroom,
  commentId: string,
  /** Asked only once the comment is found public: a refused report makes no secret. */
  addressKeyOf: () => Promise<string>,
): Promise<ReportOutcome> {
  const shown = await newsroom.store.findComment(commentId);
  if (shown?.status !== "approved") {
    throw new DomainError("comment_not_found", "No comment with that id");
  }
  const addressKey = await addressKeyOf();
  return commitChanges(newsroom, async (recorder) => {
    const { tx, at } = recorder;
    const comment = await tx.findComment(commentId);
    if (comment?.status !== "approved") {
      throw new DomainError("comment_not_found", "No comment with that id");
    }
    if (!(await tx.reportComment(commentId, addressKey, at))) {
      throw new DomainError("already_reported", "You have reported this comment already");
    }
    const blog = await tx.findBlogById(comment.blogId);
    const reported = { ...comment, reports: comment.reports + 1 };
    // Pre-moderated comments were read by an editor before they went out: reports bring them
    // to the desk, not down. Comments out at once come down until an editor looks again.
    const hidden = blog?.comments === "post" && reported.reports >= REPORTS_TO_HIDE;
    if (hidden) {
      await tx.updateComment(commentId, {
        status: "pending",
        heldFor: "reports",
        moderatedAt: comment.moderatedAt,
      });
      await recorder.record(comment.blogId, { kind: "comment-removal", commentId });
      reported.status = "pending";
      reported.heldFor = "reports";
    }
    recorder.desk({ blogId: comment.blogId, kind: "desk-comment", comment: reported });
    return { hidden };
  });
}

export type Moderation = "approve" | "reject";

/** An editor approves a waiting or reported comment, or rejects one (its words forgotten). */
export async function moderateComment(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  commentId: string,
  decision: Moderation,
): Promise<Comment> {
  ensure(actor, "comment.moderate");
  return commitChanges(newsroom, async (recorder) => {
    const { tx, at } = recorder;
    const blog = await getBlog({ store: tx }, slug);
    const comment = await tx.findComment(commentId);
    if (!comment || comment.blogId !== blog.id || comment.status === "rejected") {
      throw new DomainError("comment_not_found", `No comment ${commentId} in this blog`);
    }
    let next: Comment;
    if (decision === "approve") {
      next = { ...comment, status: "approved", heldFor: null, reports: 0, moderatedAt: at };
      await tx.updateComment(commentId, {
        status: "approved",
        heldFor: null,
        moderatedAt: at,
        clearReports: true,
      });
      if (comment.status !== "approved") await publish(recorder, next);
    } else {
      next = { ...comment, status: "rejected", heldFor: null, name: "", text: "", moderatedAt: at };
      await tx.updateComment(commentId, { status: "rejected", heldFor: null, moderatedAt: at });
      await tx.forgetCommentWords(blog.id, commentId);
      if (comment.status === "approved") {
        await recorder.record(blog.id, { kind: "comment-removal", commentId });
      }
    }
    await recorder.audit(actor, decision === "approve" ? "comment.approve" : "comment.reject", {
      blogId: blog.id,
      detail: { commentId },
    });
    recorder.desk({ blogId: blog.id, kind: "desk-comment", comment: next });
    return next;
  });
}

/** What waits for an editor, or what readers reported, oldest first. */
export async function listCommentQueue(
  newsroom: Pick<Newsroom, "store">,
  actor: Actor,
  slug: string,
  queue: CommentQueue,
): Promise<Comment[]> {
  ensure(actor, "comment.moderate");
  const blog = await getBlog(newsroom, slug);
  return newsroom.store.listCommentQueue(blog.id, queue, 200);
}

async function publish(recorder: ChangeRecorder, comment: Comment): Promise<void> {
  await recorder.record(comment.blogId, { kind: "comment", comment: publicComment(comment) });
}
