// What the core asks of the store about posts: writing them, a blog's timeline, the desk's
// and the readers' searches, due scheduled posts, and the Idempotency-Key records of creation.

import type { Post, PostCursor, PostStatus } from "../post.js";
import type { TagCount } from "../tags.js";

export interface PostQuery {
  blogId: string;
  status: PostStatus;
  /** Only posts strictly older than this cursor (published time, then id). */
  before?: PostCursor;
  pinned?: boolean;
  keyEvent?: boolean;
  /** Only posts published at or after this instant (ISO): a day's archive. */
  publishedFrom?: string;
  /** Only posts published before this instant (ISO). */
  publishedUntil?: string;
  /** Only posts by this author (a reporter's list of drafts or submissions). */
  authorId?: string;
  /** Only posts carrying the tag with this slug (tags.ts). */
  tag?: string;
  limit: number;
}

/** A reader's search (operations/reader-search.ts): published posts holding every word. */
export interface PublishedSearch {
  blogId: string;
  /** Lower-cased words (core/reader-search.ts); never empty. */
  words: readonly string[];
  limit: number;
  /** How many of the best matches to skip (a later page of results). */
  offset: number;
}

/** A desk search (operations/search.ts): every condition given must hold. */
export interface PostSearch {
  blogId: string;
  /** Folded words (core/search.ts) each found post holds in its title or text. */
  words: readonly string[];
  /** Folded part of the author's name. */
  author?: string;
  /** The statuses to look in; never empty. */
  statuses: readonly PostStatus[];
  /**
   * Drafts and submissions only by this author (a reporter's desk shows only their own);
   * published and scheduled posts of anyone. Unset: everyone's.
   */
  ownDraftsOf?: string;
  /** Only posts strictly older than this cursor, in the order of `sortTime` (post.ts). */
  before?: PostCursor;
  limit: number;
}

/** Posts themselves: written whole, read one by one or by the page. */
export interface PostStore {
  insertPost(post: Post): Promise<void>;
  /** Writes `post` if the stored version is still `expectedVersion`; false if not. */
  updatePost(post: Post, expectedVersion: number): Promise<boolean>;
  /** A post that has not been deleted. */
  findPost(blogId: string, postId: string): Promise<Post | undefined>;
  /** Newest first: by published time (created time for drafts), then id. */
  listPosts(query: PostQuery): Promise<Post[]>;
  /** The tags of a blog's published posts with how many carry each, most used first. */
  listTags(blogId: string): Promise<TagCount[]>;
  /**
   * Posts that are not deleted and match the search, newest first by `sortTime` (when they
   * went out, are due, or were started), then id.
   */
  searchPosts(query: PostSearch): Promise<Post[]>;
  /**
   * A blog's published, undeleted posts holding every word, from the full-text index: best
   * match first, then newest.
   */
  searchPublishedPosts(query: PublishedSearch): Promise<Post[]>;
  /** Scheduled posts whose time has come, across all blogs, oldest first. */
  listDuePosts(now: string, limit: number): Promise<Post[]>;
}

export interface IdempotencyRecord {
  userId: string;
  key: string;
  blogId: string;
  requestHash: string;
  postId: string;
  createdAt: string;
}

/** A retried creation answered with the first result (operations/posts.ts). */
export interface IdempotencyStore {
  findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Returns false if a record with this user and key already exists. */
  insertIdempotency(record: IdempotencyRecord): Promise<boolean>;
  /** Forgets the records made before `before` (ISO time); returns how many. */
  deleteIdempotencyBefore(before: string): Promise<number>;
  /** Forgets one user's key, so the key can be used afresh. */
  forgetIdempotency(userId: string, key: string): Promise<void>;
}
