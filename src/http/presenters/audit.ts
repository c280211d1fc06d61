// The audit log as the newsroom's audit screen reads it: each entry with its blog and post as
// they are now, so its sentences and links can be written.

import type { AuditEntry, AuditListing } from "../../core/audit.js";
import type { Blog } from "../../core/blog.js";
import { excerpt } from "../../reader/excerpt.js";
import { postPath } from "../../reader/urls.js";

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
