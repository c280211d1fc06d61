// Readers' comments (migration 0029): written, read in threads and pages, counted for the
// per-address limit, reported once per address, and moderated. A rejected comment's words are
// emptied in its row and in every change that carried them, so nothing keeps them.

import type { Kysely, Selectable } from "kysely";
import type { Comment, CommentStatus, HeldFor } from "../../core/comments.js";
import type { CommentQueue, CommentUpdate } from "../../core/ports.js";
import type { CommentsTable, Database } from "../schema.js";

export async function insertComment(db: Kysely<Database>, comment: Comment): Promise<void> {
  await db
    .insertInto("comments")
    .values({
      id: comment.id,
      blog_id: comment.blogId,
      parent_id: comment.parentId,
      name: comment.name,
      text: comment.text,
      status: comment.status,
      held_for: comment.heldFor,
      reports: comment.reports,
      address_key: comment.addressKey,
      created_at: comment.createdAt,
      moderated_at: comment.moderatedAt,
    })
    .execute();
}

export async function findComment(
  db: Kysely<Database>,
  commentId: string,
): Promise<Comment | undefined> {
  const row = await db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", commentId)
    .executeTakeFirst();
  return row && commentFromRow(row);
}

export async function updateComment(
  db: Kysely<Database>,
  commentId: string,
  update: CommentUpdate,
): Promise<void> {
  await db
    .updateTable("comments")
    .set({
      status: update.status,
      held_for: update.heldFor,
      moderated_at: update.moderatedAt,
      ...(update.status === "rejected" ? { name: "", text: "" } : {}),
      ...(update.clearReports ? { reports: 0 } : {}),
    })
    .where("id", "=", commentId)
    .execute();
  if (update.clearReports) {
    await db.deleteFrom("comment_reports").where("comment_id", "=", commentId).execute();
  }
}

/** A blog's approved top-level comments, oldest first, after `after` (a comment id). */
export async function listApprovedComments(
  db: Kysely<Database>,
  blogId: string,
  page: { after?: string; limit: number },
): Promise<Comment[]> {
  let query = db
    .selectFrom("comments")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("status", "=", "approved")
    .where("parent_id", "is", null);
  if (page.after) query = query.where("id", ">", page.after);
  const rows = await query.orderBy("id").limit(page.limit).execute();
  return rows.map(commentFromRow);
}

/** The approved replies to these comments, oldest first. */
export async function listApprovedReplies(
  db: Kysely<Database>,
  blogId: string,
  parentIds: readonly string[],
): Promise<Comment[]> {
  if (parentIds.length === 0) return [];
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("status", "=", "approved")
    .where("parent_id", "in", parentIds)
    .orderBy("id")
    .execute();
  return rows.map(commentFromRow);
}

/** What waits for an editor (pending), or what readers reported (any reports, not rejected). */
export async function listCommentQueue(
  db: Kysely<Database>,
  blogId: string,
  queue: CommentQueue,
  limit: number,
): Promise<Comment[]> {
  let query = db.selectFrom("comments").selectAll().where("blog_id", "=", blogId);
  query =
    queue === "pending"
      ? query.where("status", "=", "pending")
      : query.where("status", "!=", "rejected").where("reports", ">", 0);
  const rows = await query.orderBy("id").limit(limit).execute();
  return rows.map(commentFromRow);
}

/** The times an address sent comments to a blog since `since`, oldest first. */
export async function listRecentCommentTimes(
  db: Kysely<Database>,
  blogId: string,
  addressKey: string,
  since: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("comments")
    .select("created_at")
    .where("blog_id", "=", blogId)
    .where("address_key", "=", addressKey)
    .where("created_at", ">=", since)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => row.created_at);
}

/** Keeps a report and counts it; false when this address reported the comment already. */
export async function reportComment(
  db: Kysely<Database>,
  commentId: string,
  addressKey: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto("comment_reports")
    .values({ comment_id: commentId, address_key: addressKey, at })
    .onConflict((oc) => oc.columns(["comment_id", "address_key"]).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable("comments")
    .set((eb) => ({ reports: eb("reports", "+", 1) }))
    .where("id", "=", commentId)
    .execute();
  return true;
}

/** A blog's comments but the rejected ones (their words are gone), oldest first. */
export async function listBlogComments(db: Kysely<Database>, blogId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("status", "!=", "rejected")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(commentFromRow);
}

/** Every change that carried the comment's words becomes the removal the latest one is. */
export async function forgetCommentWords(
  db: Kysely<Database>,
  blogId: string,
  commentId: string,
): Promise<void> {
  await db
    .updateTable("changes")
    .set({
      kind: "comment-removal",
      body: JSON.stringify({ kind: "comment-removal", commentId }),
    })
    .where("blog_id", "=", blogId)
    .where("entity_id", "=", `comment:${commentId}`)
    .where("kind", "=", "comment")
    .execute();
}

function commentFromRow(row: Selectable<CommentsTable>): Comment {
  return {
    id: row.id,
    blogId: row.blog_id,
    parentId: row.parent_id,
    name: row.name,
    text: row.text,
    status: row.status as CommentStatus,
    heldFor: row.held_for as HeldFor | null,
    reports: Number(row.reports),
    addressKey: row.address_key,
    createdAt: row.created_at,
    moderatedAt: row.moderated_at,
  };
}
