// What the core asks of the store about blogs and their change log (core/change.ts).

import type { Blog } from "../blog.js";
import type { Change, ChangeBody } from "../change.js";

/** Blogs and the sequence of their latest change. */
export interface BlogStore {
  /** Throws DomainError `slug_taken` when the slug is in use. */
  insertBlog(blog: Blog): Promise<void>;
  updateBlog(blog: Blog): Promise<void>;
  findBlogBySlug(slug: string): Promise<Blog | undefined>;
  findBlogById(id: string): Promise<Blog | undefined>;
  listBlogs(): Promise<Blog[]>;
  /** The blog's latest change sequence, 0 before its first change. */
  lastSeq(blogId: string): Promise<number>;
  /**
   * A blog with its latest change's sequence and time, read together from one row: the blog
   * is exactly as it stood at that sequence.
   */
  findBlogAt(slug: string): Promise<{ blog: Blog; seq: number; at: string | null } | undefined>;
}

/** The change log every live reader, replay and webhook reads from. */
export interface ChangeStore {
  /**
   * Appends a change with the blog's next sequence; call inside the transaction that made it.
   * It supersedes the earlier change about the same post (or the blog itself).
   */
  appendChange(blogId: string, at: string, body: ChangeBody): Promise<Change>;
  /**
   * Changes with sequence greater than `afterSeq`, in order, leaving out those superseded by
   * a later change about the same post or blog: each appears once, as it is now, or as a
   * delete. Sequences then skip numbers; they still strictly increase.
   */
  listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]>;
}
