// Presenters: the only place a domain object becomes the JSON that the API returns and the
// live events carry. Internal fields (author ids, deletion marks) never leave through here.

import type { PostSource, Verification } from "../core/attribution.js";
import type { Blog } from "../core/blog.js";
import { type Byline, shownBylines } from "../core/byline.js";
import type { Change } from "../core/change.js";
import { DEFAULT_COMMENTS_PER_HOUR } from "../core/comments.js";
import type { DeskClientEvent } from "../core/desk.js";
import type { Post } from "../core/post.js";
import type { PostOrigin } from "../core/syndication.js";
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
