// Reading a blog as the public sees it: the blog, its published posts newest first, the
// pinned post and the key events. Used by the API, the reader pages and feeds alike.

import type { Blog } from "../blog.js";
import { DomainError } from "../errors.js";
import { can, isPrivateStatus, mayRead } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import { decodeCursor, encodeCursor, type Post, type PostStatus } from "../post.js";
import { tagSlug } from "../tags.js";
import type { Actor } from "../user.js";

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export async function getBlog(newsroom: Pick<Newsroom, "store">, slug: string): Promise<Blog> {
  const blog = await newsroom.store.findBlogBySlug(slug);
  if (!blog) throw new DomainError("blog_not_found", `No blog with the slug "${slug}"`);
  return blog;
}

export interface PostPage {
  posts: Post[];
  /** Cursor for the next (older) page, when there is one. */
  next?: string;
}

export async function listPosts(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  /** `reader`: who asks for drafts or submissions; a reporter gets only their own. */
  options: {
    limit?: number;
    before?: string;
    status?: PostStatus;
    reader?: Actor;
    /** Key events only (the embed's "key events" option, the reader's key-events view). */
    keyEvent?: boolean;
    /** Only posts published within [from, until): a day's archive. */
    published?: { from: string; until: string };
    /** Only posts with this tag, by its slug or its words (tags.ts). */
    tag?: string;
  } = {},
): Promise<PostPage> {
  const limit = options.limit ?? PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new DomainError("validation_failed", `limit must be between 1 and ${MAX_PAGE_SIZE}`, {
      field: "limit",
    });
  }
  let before: ReturnType<typeof decodeCursor> | undefined;
  if (options.before !== undefined) {
    before = decodeCursor(options.before);
    if (!before) {
      throw new DomainError("validation_failed", "That page cursor is not valid", {
        field: "before",
      });
    }
  }
  const status = options.status ?? "published";
  const { reader } = options;
  const ownOnly = reader && isPrivateStatus(status) && !can(reader, "post.readOthersDrafts");
  const rows = await newsroom.store.listPosts({
    blogId: blog.id,
    status,
    ...(ownOnly ? { authorId: reader.id } : {}),
    ...(before ? { before } : {}),
    ...(options.keyEvent ? { keyEvent: true } : {}),
    ...(options.tag === undefined ? {} : { tag: tagSlug(options.tag) }),
    ...(options.published
      ? { publishedFrom: options.published.from, publishedUntil: options.published.until }
      : {}),
    limit: limit + 1,
  });
  const posts = rows.slice(0, limit);
  const last = posts[posts.length - 1];
  return rows.length > limit && last ? { posts, next: encodeCursor(last) } : { posts };
}

/**
 * A published post, or post_not_found (also for drafts when `publicOnly`, and for a
 * colleague's draft or submission when the `reader` may not see it).
 */
export async function getPost(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  postId: string,
  publicOnly: boolean,
  reader?: Actor,
): Promise<Post> {
  const post = await newsroom.store.findPost(blog.id, postId);
  const hidden = publicOnly
    ? post?.status !== "published"
    : reader && post && !mayRead(reader, post);
  if (!post || hidden) {
    throw new DomainError("post_not_found", `No post ${postId} in this blog`);
  }
  return post;
}

/**
 * Everything a reader page shows: the page of posts, the pinned post and the key events,
 * with the change sequence they are at. The sequence is read first, so a reader who resumes
 * the live stream from it may see a change twice (harmless: events replace) but never misses one.
 */
export async function getCoverage(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  options: {
    before?: string;
    limit?: number;
    keyEvent?: boolean;
    published?: { from: string; until: string };
    tag?: string;
  } = {},
): Promise<PostPage & { pinned: Post | undefined; keyEvents: Post[]; lastSeq: number }> {
  const lastSeq = await newsroom.store.lastSeq(blog.id);
  const [page, pinned, keyEvents] = await Promise.all([
    listPosts(newsroom, blog, options),
    newsroom.store.listPosts({ blogId: blog.id, status: "published", pinned: true, limit: 1 }),
    newsroom.store.listPosts({ blogId: blog.id, status: "published", keyEvent: true, limit: 50 }),
  ]);
  return { ...page, pinned: pinned[0], keyEvents, lastSeq };
}
