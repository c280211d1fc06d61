// Reading the audit log: admins only, a page at a time, newest first, narrowed by person, blog
// and action, with the blogs the entries name as they are now (entries keep blog ids, which
// survive a change of slug) and each entry's post as it is now.

import type { AuditAction, AuditListing, AuditQuery } from "../audit.js";
import type { Blog } from "../blog.js";
import { DomainError } from "../errors.js";
import { can } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import type { Actor } from "../user.js";

export interface AuditPage {
  entries: AuditListing[];
  /** Pass as `before` for the next, older page; absent on the last page. */
  next?: string;
  /** Blog id → the blog as it is now, for the blogs the entries name that still exist. */
  blogs: Map<string, Blog>;
}

export interface AuditFilter {
  limit: number;
  before?: string;
  /** The id of the person who acted. */
  actor?: string;
  /** A blog's slug; an unknown one is `blog_not_found`. */
  blog?: string;
  action?: AuditAction;
}

export async function readAuditLog(
  newsroom: Pick<Newsroom, "store">,
  actor: Actor,
  filter: AuditFilter,
): Promise<AuditPage> {
  if (!can(actor, "user.manage")) {
    throw new DomainError("forbidden", "Only admins can read the audit log");
  }
  const query: AuditQuery = { limit: filter.limit + 1 };
  if (filter.before !== undefined) query.before = filter.before;
  if (filter.actor !== undefined) query.actorId = filter.actor;
  if (filter.action !== undefined) query.action = filter.action;
  if (filter.blog !== undefined) {
    const blog = await newsroom.store.findBlogBySlug(filter.blog);
    if (!blog) {
      throw new DomainError("blog_not_found", `No blog with the slug "${filter.blog}"`, {
        field: "blog",
      });
    }
    query.blogId = blog.id;
  }
  // One extra entry tells whether there is another page without a second query.
  const found = await newsroom.store.listAudit(query);
  const entries = found.slice(0, filter.limit);
  const blogs = new Map<string, Blog>();
  for (const blogId of new Set(entries.map((e) => e.blogId))) {
    if (blogId === null) continue;
    const blog = await newsroom.store.findBlogById(blogId);
    if (blog) blogs.set(blogId, blog);
  }
  const last = entries.at(-1);
  return found.length > filter.limit && last
    ? { entries, next: last.id, blogs }
    : { entries, blogs };
}
