// Readers' side of a blog through export and import: its comment and contributions settings,
// and its comments, approved and waiting, with their threads. Rejected comments (their words
// erased) stay behind, and so does every sender's address key: an imported comment counts
// against no reader's limit. Readers' contributions are never exported (personal data kept
// for a short time, private photos). An import keeps a comment's status, so a waiting one
// stays in the moderation queue; approved ones enter the change log as readers would see them.

import type { Blog } from "../../blog.js";
import { type Comment, publicComment } from "../../comments.js";
import { DomainError } from "../../errors.js";
import { newId } from "../../ids.js";
import type { Store } from "../../ports.js";
import type { ExportedBlog, ExportedComment } from "../../transfer/document.js";
import type { ChangeRecorder } from "../commit.js";

/** Stands for the unknown sender of an imported comment; no address hashes to it. */
const IMPORTED_ADDRESS = "imported";

type ReadersSettings = Pick<ExportedBlog, "comments" | "contributions">;

/** The blog's readers' settings as a document writes them; nothing when never set. */
export function exportedReadersSettings(blog: Blog): ReadersSettings {
  const { comments, commentsClosed, commentWords, commentsPerHour, contributions } = blog;
  const set = [comments, commentsClosed, commentWords, commentsPerHour].some(
    (s) => s !== undefined,
  );
  return {
    ...(set
      ? {
          comments: {
            mode: comments ?? "off",
            closed: commentsClosed ?? false,
            ...(commentsPerHour !== undefined ? { perHour: commentsPerHour } : {}),
            ...(commentWords?.length ? { blockedWords: commentWords } : {}),
          },
        }
      : {}),
    ...(contributions
      ? {
          contributions: {
            enabled: contributions.enabled,
            ...(contributions.prompt !== undefined ? { prompt: contributions.prompt } : {}),
          },
        }
      : {}),
  };
}

/** A document's blog as the blog row it describes. */
export function blogOfDocument(exported: ExportedBlog, lastChangeAt: string): Blog {
  const { comments, contributions, ...rest } = exported;
  return {
    ...rest,
    lastChangeAt,
    ...(comments
      ? {
          comments: comments.mode,
          commentsClosed: comments.closed,
          ...(comments.perHour !== undefined ? { commentsPerHour: comments.perHour } : {}),
          ...(comments.blockedWords ? { commentWords: comments.blockedWords } : {}),
        }
      : {}),
    ...(contributions ? { contributions } : {}),
  };
}

export async function exportComments(store: Store, blogId: string): Promise<ExportedComment[]> {
  const comments = await store.listBlogComments(blogId);
  const topLevel = new Set(comments.filter((c) => c.parentId === null).map((c) => c.id));
  // A reply to a rejected comment answers nothing readers can see: it stays behind too.
  return comments
    .filter((comment) => comment.parentId === null || topLevel.has(comment.parentId))
    .map((comment) => ({
      id: comment.id,
      parentId: comment.parentId,
      name: comment.name,
      text: comment.text,
      status: comment.status === "approved" ? "approved" : "pending",
      heldFor: comment.heldFor,
      reports: comment.reports,
      createdAt: comment.createdAt,
      moderatedAt: comment.moderatedAt,
    }));
}

/**
 * Writes the comments the blog does not hold yet; how many were written. Into another blog
 * than the one exported (a merge) they get new ids, their replies following them.
 */
export async function importComments(
  recorder: ChangeRecorder,
  blogId: string,
  comments: readonly ExportedComment[],
  keepIds: boolean,
): Promise<number> {
  const { tx } = recorder;
  const ids = new Map<string, string>();
  let written = 0;
  for (const [i, item] of comments.entries()) {
    const id = keepIds ? item.id : newId(Date.parse(item.createdAt));
    ids.set(item.id, id);
    const held = await tx.findComment(id);
    if (held && held.blogId !== blogId) {
      throw new DomainError(
        "import_conflict",
        `comments[${i}].id: the id ${item.id} is held by a comment of another blog here`,
        { field: `comments[${i}].id` },
      );
    }
    if (held) continue;
    const comment: Comment = {
      id,
      blogId,
      parentId: item.parentId === null ? null : (ids.get(item.parentId) ?? item.parentId),
      name: item.name,
      text: item.text,
      status: item.status,
      heldFor: item.heldFor,
      reports: item.reports,
      addressKey: IMPORTED_ADDRESS,
      createdAt: new Date(item.createdAt).toISOString(),
      moderatedAt: item.moderatedAt && new Date(item.moderatedAt).toISOString(),
    };
    await tx.insertComment(comment);
    if (comment.status === "approved")
      await recorder.record(blogId, { kind: "comment", comment: publicComment(comment) });
    written++;
  }
  return written;
}
