// What the core asks of the store when a blog moves out and in (operations/transfer/).

import type { Post, PostStatus } from "../post.js";

/** Moving a blog out and in (operations/transfer/). */
export interface TransferStore {
  /** The posts of a blog with these statuses, deleted ones left out, in no particular order. */
  listBlogPosts(blogId: string, statuses: readonly PostStatus[]): Promise<Post[]>;
  /** A post with this id in any blog, deleted or not: an import keeps ids, which must not collide. */
  findPostAnywhere(postId: string): Promise<Post | undefined>;
  /** Per post of the blog: the e-mails its imported free-text bylines were named with. */
  listBylineEmails(blogId: string): Promise<Map<string, (string | null)[]>>;
  /** Keeps (or, with null, forgets) a post's imported byline e-mails, aligned with its bylines. */
  saveBylineEmails(blogId: string, postId: string, emails: (string | null)[] | null): Promise<void>;
}
