// The ports the core needs from the outside world. Implementations live in store/ and
// realtime/; the core only knows these interfaces.

import type { Blog } from "./blog.js";
import type { Change, ChangeBody } from "./change.js";
import type { Clock } from "./clock.js";
import type { Post, PostCursor, PostStatus } from "./post.js";
import type { ApiToken, NewsroomUser } from "./user.js";

export interface PostQuery {
  blogId: string;
  status: PostStatus;
  /** Only posts strictly older than this cursor (published time, then id). */
  before?: PostCursor;
  pinned?: boolean;
  keyEvent?: boolean;
  limit: number;
}

export interface IdempotencyRecord {
  userId: string;
  key: string;
  blogId: string;
  requestHash: string;
  postId: string;
  createdAt: string;
}

export interface Store {
  /** Runs `work` in one transaction; the store it is given reads and writes inside it. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  insertUser(user: NewsroomUser): Promise<void>;
  findUserByEmail(email: string): Promise<NewsroomUser | undefined>;
  findUserById(id: string): Promise<NewsroomUser | undefined>;
  countUsers(): Promise<number>;
  insertToken(token: ApiToken): Promise<void>;
  /** The user owning an unrevoked token with this hash. */
  findUserByTokenHash(tokenHash: string): Promise<NewsroomUser | undefined>;

  /** Throws DomainError `slug_taken` when the slug is in use. */
  insertBlog(blog: Blog): Promise<void>;
  updateBlog(blog: Blog): Promise<void>;
  findBlogBySlug(slug: string): Promise<Blog | undefined>;
  findBlogById(id: string): Promise<Blog | undefined>;
  listBlogs(): Promise<Blog[]>;
  /** The blog's latest change sequence, 0 before its first change. */
  lastSeq(blogId: string): Promise<number>;

  insertPost(post: Post): Promise<void>;
  /** Writes `post` if the stored version is still `expectedVersion`; false if not. */
  updatePost(post: Post, expectedVersion: number): Promise<boolean>;
  /** A post that has not been deleted. */
  findPost(blogId: string, postId: string): Promise<Post | undefined>;
  /** Newest first: by published time (created time for drafts), then id. */
  listPosts(query: PostQuery): Promise<Post[]>;
  /** Scheduled posts whose time has come, across all blogs, oldest first. */
  listDuePosts(now: string, limit: number): Promise<Post[]>;

  /** Appends a change with the blog's next sequence; call inside the transaction that made it. */
  appendChange(blogId: string, at: string, body: ChangeBody): Promise<Change>;
  /** Changes with sequence greater than `afterSeq`, in order. */
  listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]>;

  findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Returns false if a record with this user and key already exists. */
  insertIdempotency(record: IdempotencyRecord): Promise<boolean>;
}

/** Carries committed changes to every node's live readers. */
export interface Broadcaster {
  publish(change: Change): Promise<void>;
  /** Calls `listener` with every change published on any node; returns an unsubscribe. */
  subscribe(listener: (change: Change) => void): () => void;
  close(): Promise<void>;
}

/** What every core operation is given. */
export interface Newsroom {
  store: Store;
  broadcaster: Broadcaster;
  clock: Clock;
}
