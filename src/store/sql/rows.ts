// Conversions between domain objects and table rows: JSON fields to and from text, booleans
// to and from 0/1, camelCase to snake_case. The only place that knows both shapes.

import type { Insertable, Selectable } from "kysely";
import type { PostSource, Verification } from "../../core/attribution.js";
import type { AuditEntry } from "../../core/audit.js";
import type { Blog, BlogStatus, ReporterMode } from "../../core/blog.js";
import type { Change, ChangeBody } from "../../core/change.js";
import type { IdempotencyRecord } from "../../core/ports.js";
import type { Correction, Post, PostStatus, ReturnNote } from "../../core/post.js";
import { searchableAuthor, searchableText } from "../../core/search.js";
import type { PostOrigin } from "../../core/syndication.js";
import type { ApiToken, NewsroomUser, Role } from "../../core/user.js";
import type {
  ApiTokensTable,
  AuditEventsTable,
  BlogsTable,
  ChangesTable,
  IdempotencyKeysTable,
  PostsTable,
  UsersTable,
} from "../schema.js";

// Values read back are trusted: only these functions write them, from validated domain objects.

export function userToRow(user: NewsroomUser): Insertable<UsersTable> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    created_at: user.createdAt,
    disabled_at: user.disabledAt ?? null,
    title: user.title ?? null,
    avatar: user.avatar ?? null,
    must_change_password: user.mustChangePassword ? 1 : 0,
  };
}

export function userFromRow(row: Selectable<UsersTable>): NewsroomUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    // Only when set: an active user has no disabledAt at all, as the domain type says.
    ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
    ...(row.title ? { title: row.title } : {}),
    ...(row.avatar ? { avatar: row.avatar } : {}),
    ...(row.must_change_password ? { mustChangePassword: true } : {}),
  };
}

export function tokenToRow(token: ApiToken): Insertable<ApiTokensTable> {
  return {
    id: token.id,
    user_id: token.userId,
    label: token.label,
    token_hash: token.tokenHash,
    created_at: token.createdAt,
    revoked_at: token.revokedAt,
  };
}

export function tokenFromRow(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    label: row.label,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Every blog column except the id and the change sequence, which only the store moves. */
/** The columns a blog's own edits write; the change log's position is kept by appendChange. */
export function blogFields(
  blog: Blog,
): Omit<Insertable<BlogsTable>, "id" | "last_seq" | "last_change_at"> {
  return {
    slug: blog.slug,
    title: blog.title,
    summary: blog.summary,
    intro: JSON.stringify(blog.intro),
    hero: blog.hero === null ? null : JSON.stringify(blog.hero),
    source_note: blog.sourceNote,
    status: blog.status,
    language: blog.language,
    timezone: blog.timezone,
    created_at: blog.createdAt,
    updated_at: blog.updatedAt,
    closed_at: blog.closedAt,
    reporter_mode: blog.reporterMode,
    previous_blog: blog.previousBlog ?? null,
    next_blog: blog.nextBlog ?? null,
    ad_slots: blog.adSlots ? JSON.stringify(blog.adSlots) : null,
    contributions: blog.contributions ? JSON.stringify(blog.contributions) : null,
    comment_settings: commentSettingsText(blog),
  };
}

/** A blog's comment settings as one JSON text (migration 0029); null while never set. */
function commentSettingsText(blog: Blog): string | null {
  const { comments, commentsClosed, commentWords, commentsPerHour } = blog;
  const settings = [comments, commentsClosed, commentWords, commentsPerHour];
  if (settings.every((setting) => setting === undefined)) return null;
  return JSON.stringify({ comments, commentsClosed, commentWords, commentsPerHour });
}

export function blogFromRow(row: Selectable<BlogsTable>): Blog {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    intro: JSON.parse(row.intro) as Blog["intro"],
    hero: row.hero === null ? null : (JSON.parse(row.hero) as Blog["hero"]),
    sourceNote: row.source_note,
    status: row.status as BlogStatus,
    language: row.language,
    timezone: row.timezone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    reporterMode: row.reporter_mode as ReporterMode,
    lastChangeAt: row.last_change_at,
    ...(row.previous_blog ? { previousBlog: row.previous_blog } : {}),
    ...(row.next_blog ? { nextBlog: row.next_blog } : {}),
    ...(row.ad_slots ? { adSlots: JSON.parse(row.ad_slots) as Blog["adSlots"] } : {}),
    ...(row.contributions
      ? { contributions: JSON.parse(row.contributions) as Blog["contributions"] }
      : {}),
    ...(row.comment_settings ? (JSON.parse(row.comment_settings) as Partial<Blog>) : {}),
  };
}

/** Every post column except the id and the blog, which never change. */
export function postFields(post: Post): Omit<PostsTable, "id" | "blog_id"> {
  return {
    title: post.title,
    blocks: JSON.stringify(post.blocks),
    html: post.html,
    author_id: post.authorId,
    author_name: post.authorName,
    pinned: post.pinned ? 1 : 0,
    key_event: post.keyEvent ? 1 : 0,
    status: post.status,
    publish_at: post.publishAt,
    published_at: post.publishedAt,
    created_at: post.createdAt,
    updated_at: post.updatedAt,
    deleted_at: post.deletedAt,
    version: post.version,
    bylines: JSON.stringify(post.bylines),
    return_note: post.returnNote ? JSON.stringify(post.returnNote) : null,
    origin: post.origin ? JSON.stringify(post.origin) : null,
    source: post.source ? JSON.stringify(post.source) : null,
    verification: post.verification ? JSON.stringify(post.verification) : null,
    content_updated_at: post.contentUpdatedAt ?? null,
    correction: post.correction ? JSON.stringify(post.correction) : null,
    tags: JSON.stringify(post.tags ?? []),
    // Written with every insert and update, so the search never sees stale words.
    search_text: searchableText(post),
    search_author: searchableAuthor(post),
  };
}

export function postFromRow(row: Selectable<PostsTable>): Post {
  return {
    id: row.id,
    blogId: row.blog_id,
    title: row.title,
    blocks: JSON.parse(row.blocks) as Post["blocks"],
    html: row.html,
    authorId: row.author_id,
    authorName: row.author_name,
    pinned: row.pinned === 1,
    keyEvent: row.key_event === 1,
    status: row.status as PostStatus,
    publishAt: row.publish_at,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    bylines: JSON.parse(row.bylines) as Post["bylines"],
    ...(row.return_note ? { returnNote: JSON.parse(row.return_note) as ReturnNote } : {}),
    ...(row.origin ? { origin: JSON.parse(row.origin) as PostOrigin } : {}),
    ...(row.source ? { source: JSON.parse(row.source) as PostSource } : {}),
    ...(row.verification ? { verification: JSON.parse(row.verification) as Verification } : {}),
    ...(row.content_updated_at ? { contentUpdatedAt: row.content_updated_at } : {}),
    ...(row.correction ? { correction: JSON.parse(row.correction) as Correction } : {}),
    ...(row.tags !== "[]" ? { tags: JSON.parse(row.tags) as string[] } : {}),
  };
}

export function changeToRow(change: Change): ChangesTable {
  const { blogId, seq, at, ...body } = change;
  return {
    blog_id: blogId,
    seq,
    at,
    kind: body.kind,
    entity_id: changedEntity(body),
    body: JSON.stringify(body),
    superseded_by: null,
  };
}

export function changeFromRow(row: Selectable<ChangesTable>): Change {
  const body = JSON.parse(row.body) as ChangeBody;
  return { ...body, blogId: row.blog_id, seq: row.seq, at: row.at };
}

function changedEntity(body: ChangeBody): string {
  switch (body.kind) {
    case "post":
      return body.post.id;
    case "delete":
      return body.postId;
    case "blog":
      return body.blog.id;
    case "figures":
      // One box per blog: each change to it supersedes the one before.
      return "figures";
    case "poll":
      // Each count of a poll supersedes the one before.
      return `poll:${body.pollId}`;
    case "comment":
      return `comment:${body.comment.id}`;
    case "comment-removal":
      // A removal supersedes the comment it removes: a replay never carries its words.
      return `comment:${body.commentId}`;
  }
}

export function idempotencyToRow(record: IdempotencyRecord): Insertable<IdempotencyKeysTable> {
  return {
    user_id: record.userId,
    key: record.key,
    blog_id: record.blogId,
    request_hash: record.requestHash,
    post_id: record.postId,
    created_at: record.createdAt,
  };
}

export function idempotencyFromRow(row: Selectable<IdempotencyKeysTable>): IdempotencyRecord {
  return {
    userId: row.user_id,
    key: row.key,
    blogId: row.blog_id,
    requestHash: row.request_hash,
    postId: row.post_id,
    createdAt: row.created_at,
  };
}

export function auditToRow(entry: AuditEntry): AuditEventsTable {
  return {
    id: entry.id,
    at: entry.at,
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    action: entry.action,
    blog_id: entry.blogId,
    post_id: entry.postId,
    detail: entry.detail === null ? null : JSON.stringify(entry.detail),
  };
}
