// Presenters: the only place a domain object becomes the JSON that the API returns and the
// live events carry. Internal fields (author ids, deletion marks) never leave through here.

import type { PostSource, Verification } from "../core/attribution.js";
import type { AuditEntry, AuditListing } from "../core/audit.js";
import type { Blog } from "../core/blog.js";
import { type Byline, shownBylines } from "../core/byline.js";
import type { Change } from "../core/change.js";
import { DEFAULT_COMMENTS_PER_HOUR } from "../core/comments.js";
import type { DeskClientEvent } from "../core/desk.js";
import type { MediaItem } from "../core/media.js";
import type { WebhookEndpointView } from "../core/operations/webhooks.js";
import type { Post } from "../core/post.js";
import type { PostOrigin } from "../core/syndication.js";
import type { ApiTokenListing, NewsroomUser } from "../core/user.js";
import type { WebhookDelivery, WebhookEventType } from "../core/webhooks.js";
import { variantKey } from "../media/process.js";
import { excerpt } from "../reader/excerpt.js";
import { postPath } from "../reader/urls.js";
import { presentFigures } from "./present-figures.js";
import { presentDeskComment } from "./presenters/comments.js";
import { presentContribution } from "./presenters/contributions.js";

export interface PostJson {
  id: string;
  title: string;
  blocks: Post["blocks"];
  html: string;
  /** The first byline's name: kept for clients that know one author. */
  author: { name: string };
  bylines: Byline[];
  pinned: boolean;
  keyEvent: boolean;
  status: Post["status"];
  publishAt?: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  /** Newsroom only (drafts are never public): why an editor returned this submission. */
  returnNote?: { note: string; by: { name: string }; at: string };
  /** A post syndicated from a followed blog: where it came from. */
  origin?: PostOrigin;
  /** The source line, when the newsroom credited one. */
  source?: PostSource;
  /** The verification state, when stated. */
  verification?: Verification;
  /** The post's tags (core/tags.ts), empty when none. */
  tags: string[];
  /** When a published post's words last changed (core/corrections.ts). */
  contentUpdatedAt?: string;
  /** The latest correction note on a published post. */
  correction?: { note: string; at: string };
}

export interface BlogJson {
  slug: string;
  title: string;
  summary: string;
  intro: Blog["intro"];
  hero: Blog["hero"];
  sourceNote: string;
  status: Blog["status"];
  reporterMode: Blog["reporterMode"];
  language: string;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  lastChangeAt?: string;
  previousBlog: string | null;
  nextBlog: string | null;
  adSlots: { every: number; height: number } | null;
  contributions: { enabled: boolean; prompt?: string } | null;
  comments: "off" | "pre" | "post";
  commentsClosed: boolean;
  commentsPerHour: number;
  /** The blocked words: only for the newsroom (presentNewsroomBlog). */
  commentWords?: string[];
}

export function presentPost(post: Post): PostJson {
  const bylines = shownBylines(post);
  const json: PostJson = {
    id: post.id,
    title: post.title,
    blocks: post.blocks,
    html: post.html,
    author: { name: bylines[0]?.name ?? post.authorName },
    bylines,
    pinned: post.pinned,
    keyEvent: post.keyEvent,
    status: post.status,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    version: post.version,
    tags: post.tags ?? [],
  };
  // A scheduled post's time, or the time a reporter asked for in a submission.
  if ((post.status === "scheduled" || post.status === "submitted") && post.publishAt)
    json.publishAt = post.publishAt;
  if (post.status === "draft" && post.returnNote) {
    const { note, by, at } = post.returnNote;
    json.returnNote = { note, by: { name: by.name }, at };
  }
  if (post.origin) json.origin = post.origin;
  if (post.source) json.source = post.source;
  if (post.verification) json.verification = post.verification;
  if (post.status === "published" && post.contentUpdatedAt) {
    json.contentUpdatedAt = post.contentUpdatedAt;
    if (post.correction) json.correction = { note: post.correction.note, at: post.correction.at };
  }
  return json;
}

export function presentBlog(blog: Blog): BlogJson {
  const json: BlogJson = {
    slug: blog.slug,
    title: blog.title,
    summary: blog.summary,
    intro: blog.intro,
    hero: blog.hero,
    sourceNote: blog.sourceNote,
    status: blog.status,
    reporterMode: blog.reporterMode,
    language: blog.language,
    timezone: blog.timezone,
    createdAt: blog.createdAt,
    updatedAt: blog.updatedAt,
    previousBlog: blog.previousBlog ?? null,
    nextBlog: blog.nextBlog ?? null,
    adSlots: blog.adSlots ?? null,
    contributions: blog.contributions ?? null,
    comments: blog.comments ?? "off",
    commentsClosed: blog.commentsClosed ?? false,
    commentsPerHour: blog.commentsPerHour ?? DEFAULT_COMMENTS_PER_HOUR,
  };
  if (blog.closedAt) json.closedAt = blog.closedAt;
  if (blog.lastChangeAt) json.lastChangeAt = blog.lastChangeAt;
  return json;
}

/**
 * A blog as the newsroom reads it: with its blocked comment words, which readers never see
 * (a spammer who could read the list would write around it).
 */
export function presentNewsroomBlog(blog: Blog): BlogJson {
  return { ...presentBlog(blog), commentWords: blog.commentWords ?? [] };
}

/** The SSE event name and the JSON of its `data:` line for one change. */
export function presentChange(change: Change): { event: Change["kind"]; data: string } {
  switch (change.kind) {
    case "post":
      return { event: "post", data: JSON.stringify(presentPost(change.post)) };
    case "delete":
      return { event: "delete", data: JSON.stringify({ id: change.postId }) };
    case "blog":
      return { event: "blog", data: JSON.stringify(presentBlog(change.blog)) };
    case "figures":
      return { event: "figures", data: JSON.stringify(presentFigures(change.figures)) };
    case "poll": {
      const { postId, pollId, totals, total, closed } = change;
      return { event: "poll", data: JSON.stringify({ postId, pollId, totals, total, closed }) };
    }
    case "comment":
      return { event: "comment", data: JSON.stringify(change.comment) };
    case "comment-removal":
      // One event name for both, so a page listens for one: a removal names the comment only.
      return { event: "comment", data: JSON.stringify({ id: change.commentId, removed: true }) };
  }
}

/** The SSE event name and JSON for a newsroom desk event. */
export function presentDeskEvent(event: DeskClientEvent): {
  event: DeskClientEvent["kind"];
  data: string;
} {
  switch (event.kind) {
    case "desk-post":
      return { event: event.kind, data: JSON.stringify(presentPost(event.post)) };
    case "desk-delete":
      return {
        event: event.kind,
        data: JSON.stringify({ id: event.postId, ...(event.deletedBy ?? {}) }),
      };
    case "presence":
      return { event: event.kind, data: JSON.stringify({ people: event.people }) };
    case "contribution":
      return { event: event.kind, data: JSON.stringify(presentContribution(event.contribution)) };
    case "desk-comment":
      return { event: event.kind, data: JSON.stringify(presentDeskComment(event.comment)) };
  }
}

// People, tokens and the audit log. Password hashes and token hashes never leave through here.

export interface UserJson {
  id: string;
  email: string;
  name: string;
  role: NewsroomUser["role"];
  title?: string;
  avatar?: string;
  /** True while the password is a temporary one an admin set. */
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
}

/** The signed-in user as the session answers describe them. */
export function presentSessionUser(
  user: NewsroomUser,
): Pick<UserJson, "id" | "email" | "name" | "role" | "mustChangePassword" | "title" | "avatar"> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword === true,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

/** A colleague as the composer's byline picker lists them. */
export function presentContributor(user: NewsroomUser): {
  id: string;
  name: string;
  title?: string;
  avatar?: string;
} {
  return {
    id: user.id,
    name: user.name,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

export function presentUser(user: NewsroomUser): UserJson {
  return {
    ...presentSessionUser(user),
    disabled: Boolean(user.disabledAt),
    createdAt: user.createdAt,
  };
}

export interface TokenJson {
  id: string;
  label: string;
  user: { id: string; name: string; email: string };
  createdAt: string;
  revokedAt?: string;
}

export function presentToken(token: ApiTokenListing): TokenJson {
  const json: TokenJson = {
    id: token.id,
    label: token.label,
    user: { id: token.owner.id, name: token.owner.name, email: token.owner.email },
    createdAt: token.createdAt,
  };
  if (token.revokedAt) json.revokedAt = token.revokedAt;
  return json;
}

export interface AuditEntryJson {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: AuditEntry["action"];
  /** The blog's current slug, and its title: absent once the blog is gone. */
  blog?: string;
  blogTitle?: string;
  postId?: string;
  /** The entry's post as it is now, for the audit screen's sentences and links. */
  post?: AuditPostJson;
  detail?: Record<string, unknown>;
}

export interface AuditPostJson {
  id: string;
  /** Its title, or the start of its words when it has none (or what a deletion recorded). */
  title: string;
  status: string;
  author?: { name: string };
  deleted?: true;
  /** The reader's permalink, while the post is published. */
  permalink?: string;
}

/** `blogs` maps blog ids to the blogs as they are now; a deleted blog's entries carry none. */
export function presentAuditEntry(entry: AuditListing, blogs: Map<string, Blog>): AuditEntryJson {
  const json: AuditEntryJson = {
    id: entry.id,
    at: entry.at,
    actor: entry.actorId === null ? null : { id: entry.actorId, name: entry.actorName },
    action: entry.action,
  };
  const blog = entry.blogId === null ? undefined : blogs.get(entry.blogId);
  if (blog) {
    json.blog = blog.slug;
    json.blogTitle = blog.title;
  }
  if (entry.postId) {
    json.postId = entry.postId;
    json.post = presentAuditPost(entry, entry.postId, blog);
  }
  if (entry.detail) json.detail = entry.detail;
  return json;
}

function presentAuditPost(entry: AuditListing, id: string, blog: Blog | undefined): AuditPostJson {
  const { post, detail } = entry;
  const recorded = typeof detail?.title === "string" ? detail.title : "";
  if (!post) return { id, title: recorded, status: "", deleted: true };
  const json: AuditPostJson = {
    id,
    title: post.title.trim() || recorded || excerpt(post.text, 80),
    status: post.status,
    author: { name: post.authorName },
  };
  if (post.deleted) json.deleted = true;
  else if (post.status === "published" && blog) json.permalink = postPath(blog.slug, id);
  return json;
}

// The media library.

export interface MediaItemJson {
  id: string;
  /** What an image block uses as `src`. */
  src: string;
  /** The small (480 px) WebP variant, for a grid of thumbnails. */
  thumbnail: string;
  width: number;
  height: number;
  fileName: string;
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: { name: string };
  createdAt: string;
  updatedAt: string;
}

export function presentMediaItem(item: MediaItem): MediaItemJson {
  return {
    id: item.id,
    src: item.src,
    thumbnail: `/media/${variantKey(item.id, 480, "image/webp")}`,
    width: item.width,
    height: item.height,
    fileName: item.fileName,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    uploadedBy: { name: item.uploaderName },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export interface WebhookEndpointJson {
  id: string;
  url: string;
  description: string;
  blogs: "all" | string[];
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint as admins see it: never its secret (answered once, beside this, when made). */
export function presentWebhookEndpoint({
  endpoint,
  blogs,
}: WebhookEndpointView): WebhookEndpointJson {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    blogs,
    events: endpoint.events,
    enabled: endpoint.enabled,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export function presentWebhookDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: delivery.createdAt,
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    deliveredAt: delivery.deliveredAt,
    ...(delivery.postId ? { postId: delivery.postId } : {}),
  };
}
