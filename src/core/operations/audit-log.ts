// Reading the audit log: admins only, a page at a time, newest first, with the slugs of the
// blogs the entries name (entries keep blog ids, which survive a change of slug).

import type { AuditEntry } from "../audit.js";
import { DomainError } from "../errors.js";
import { can } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import type { Actor } from "../user.js";

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next, older page; absent on the last page. */
  next?: string;
  /** Blog id → current slug, for the blogs the entries name that still exist. */
  blogSlugs: Map<string, string>;
}

export async function readAuditLog(
  newsroom: Pick<Newsroom, "store">,
  actor: Actor,
  query: { limit: number; before?: string },
): Promise<AuditPage> {
  if (!can(actor, "user.manage")) {
    throw new DomainError("forbidden", "Only admins can read the audit log");
  }
  // One extra entry tells whether there is another page without a second query.
  const found = await newsroom.store.listAudit({
    limit: query.limit + 1,
    ...(query.before !== undefined ? { before: query.before } : {}),
  });
  const entries = found.slice(0, query.limit);
  const blogSlugs = new Map<string, string>();
  for (const blogId of new Set(entries.map((e) => e.blogId))) {
    if (blogId === null) continue;
    const blog = await newsroom.store.findBlogById(blogId);
    if (blog) blogSlugs.set(blogId, blog.slug);
  }
  const last = entries.at(-1);
  return found.length > query.limit && last
    ? { entries, next: last.id, blogSlugs }
    : { entries, blogSlugs };
}
