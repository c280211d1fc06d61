// Presenters: the only place a domain object becomes the JSON that the API returns and the
// live events carry. Internal fields (author ids, deletion marks) never leave through here.

import type { Blog } from "../core/blog.js";
import type { Change } from "../core/change.js";
import type { Post } from "../core/post.js";

export interface PostJson {
  id: string;
  title: string;
  blocks: Post["blocks"];
  html: string;
  author: { name: string };
  pinned: boolean;
  keyEvent: boolean;
  status: Post["status"];
  publishAt?: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface BlogJson {
  slug: string;
  title: string;
  summary: string;
  intro: Blog["intro"];
  hero: Blog["hero"];
  sourceNote: string;
  status: Blog["status"];
  language: string;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export function presentPost(post: Post): PostJson {
  const json: PostJson = {
    id: post.id,
    title: post.title,
    blocks: post.blocks,
    html: post.html,
    author: { name: post.authorName },
    pinned: post.pinned,
    keyEvent: post.keyEvent,
    status: post.status,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    version: post.version,
  };
  if (post.status === "scheduled" && post.publishAt) json.publishAt = post.publishAt;
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
    language: blog.language,
    timezone: blog.timezone,
    createdAt: blog.createdAt,
    updatedAt: blog.updatedAt,
  };
  if (blog.closedAt) json.closedAt = blog.closedAt;
  return json;
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
  }
}
