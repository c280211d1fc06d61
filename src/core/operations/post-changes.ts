// What a change to a post means for whom: readers see published posts come, change and go
// (`post` and `delete` changes in the public log); the newsroom's desk also sees drafts,
// submissions and scheduled posts. One function decides this for every post operation.

import type { AuditAction } from "../audit.js";
import type { Blog } from "../blog.js";
import type { ChangeBody } from "../change.js";
import type { DeskDeletion } from "../desk.js";
import { DomainError, validationError } from "../errors.js";
import { isPrivateStatus } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import type { Post, PostStatus } from "../post.js";
import type { ChangeRecorder } from "./commit.js";

export async function announce(
  recorder: ChangeRecorder,
  before: Post | null,
  after: Post,
  /** For a deletion: who did it, which the desk (never the public) is told. */
  deletedBy?: DeskDeletion,
  /** For a takedown: the paths of the uploaded images that went with it, to purge. */
  media: readonly string[] = [],
): Promise<void> {
  const wasPublic = before?.status === "published" && !before.deletedAt;
  // A draft or submission leaving the desk is news only to those who could see it.
  const privateTo = isPrivateStatus(before?.status ?? after.status) ? after.authorId : undefined;
  const restricted = privateTo !== undefined ? { privateTo } : {};
  if (after.deletedAt) {
    if (wasPublic) await recorder.record(after.blogId, deletion(after.id, media));
    // The desk hears of every deletion, public or not, so whoever has the post open in a
    // composer learns who deleted it.
    recorder.desk({
      blogId: after.blogId,
      kind: "desk-delete",
      postId: after.id,
      ...(deletedBy ? { deletedBy } : {}),
      ...restricted,
    });
  } else if (after.status === "published") {
    const news = wasPublic ? "post.updated" : "post.published";
    await recorder.record(after.blogId, { kind: "post", post: after }, news);
    if (before && !wasPublic)
      recorder.desk({ blogId: after.blogId, kind: "desk-delete", postId: after.id, ...restricted });
  } else {
    recorder.desk({ blogId: after.blogId, kind: "desk-post", post: after });
    if (wasPublic) await recorder.record(after.blogId, { kind: "delete", postId: after.id });
  }
}

/** The public change saying a post is gone, naming the images removed with it if any. */
export function deletion(postId: string, media: readonly string[] = []): ChangeBody {
  return media.length > 0
    ? { kind: "delete", postId, media: [...media] }
    : { kind: "delete", postId };
}

/** The audit action for a post reaching this status. */
export const STATUS_ACTIONS: Record<PostStatus, AuditAction> = {
  published: "post.publish",
  submitted: "post.submit",
  draft: "post.draft",
  scheduled: "post.schedule",
};

/** One pinned post per blog: pinning a post unpins the one pinned before. */
export async function unpinOthers(
  newsroom: Newsroom,
  recorder: ChangeRecorder,
  pinned: Post,
): Promise<void> {
  const { tx } = recorder;
  const others = await tx.listPosts({
    blogId: pinned.blogId,
    status: "published",
    pinned: true,
    limit: 10,
  });
  const at = newsroom.clock.now().toISOString();
  for (const other of others) {
    if (other.id === pinned.id) continue;
    const unpinned: Post = { ...other, pinned: false, updatedAt: at, version: other.version + 1 };
    if (await tx.updatePost(unpinned, other.version)) await announce(recorder, other, unpinned);
  }
}

export async function findOrFail(tx: Store, blog: Blog, postId: string): Promise<Post> {
  const post = await tx.findPost(blog.id, postId);
  if (!post) throw new DomainError("post_not_found", `No post ${postId} in this blog`);
  return post;
}

export function conflict(current: Post): DomainError {
  return new DomainError(
    "version_conflict",
    `Someone else changed this post (now at version ${current.version}); merge your changes into the current version and save again`,
    { field: "version", details: { post: current } },
  );
}

export function ensureOpen(blog: Blog): void {
  if (blog.status === "closed") {
    throw new DomainError("blog_closed", "This blog is closed; reopen it to publish", {
      field: "status",
    });
  }
}

/** A scheduled post's time, checked: required for scheduled posts, in the future, and only for them. */
export function scheduledTime(
  status: PostStatus,
  publishAt: string | null,
  now: Date,
): string | null {
  if (status !== "scheduled") {
    if (publishAt && status !== "submitted") {
      throw validationError("publishAt", 'publishAt is only for posts with status "scheduled"');
    }
    return status === "submitted" ? publishAt && new Date(publishAt).toISOString() : null;
  }
  if (!publishAt)
    throw validationError("publishAt", "A scheduled post needs publishAt, the time it goes out");
  const time = new Date(publishAt);
  if (time.getTime() <= now.getTime())
    throw validationError("publishAt", "publishAt must be in the future");
  return time.toISOString();
}
