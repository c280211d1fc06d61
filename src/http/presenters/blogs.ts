// A blog as readers and the API see it, and as the newsroom reads it (with its blocked words).

import type { Blog } from "../../core/blog.js";
import { DEFAULT_COMMENTS_PER_HOUR } from "../../core/comments.js";

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
