// Publishing, editing and deleting posts. Every change to what readers see is logged in the
// same transaction as the change, then broadcast: a post going public is a `post` change, a
// post leaving public view (deleted, or taken back to draft) is a `delete` change.

import type { Blog } from "../blog.js";
import { renderBlocks } from "../content/render.js";
import { DomainError, validationError } from "../errors.js";
import { newId } from "../ids.js";
import { ensure, ensureMayChange } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import { type Post, PostCreateInput, PostPatchInput, type PostStatus } from "../post.js";
import { fingerprint } from "../secrets.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { getBlog } from "./read.js";

export interface PublishResult {
  post: Post;
  /** True when an Idempotency-Key matched an earlier request: nothing new was written. */
  replayed: boolean;
}

class IdempotencyRace extends Error {}

export async function publishPost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  input: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<PublishResult> {
  ensure(actor, "post.publish");
  const data = parseInput(PostCreateInput, input);
  if (data.pinned) ensure(actor, "post.pin", "pinned");
  if (data.keyEvent) ensure(actor, "post.pin", "keyEvent");
  const key = options.idempotencyKey;
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    throw validationError("Idempotency-Key", "An Idempotency-Key has 1 to 200 characters");
  }
  const requestHash = fingerprint({ slug, data });
  const now = newsroom.clock.now();
  const status: PostStatus = data.status ?? "published";
  const publishAt = scheduledTime(status, data.publishAt ?? null, now);

  const attempt = () =>
    commitChanges(newsroom, async ({ tx, record }) => {
      const blog = await getBlog({ store: tx }, slug);
      if (key !== undefined) {
        const earlier = await replayIdempotent(tx, actor, key, requestHash);
        if (earlier) return { post: earlier, replayed: true };
      }
      if (status === "published") ensureOpen(blog);
      const at = now.toISOString();
      const post: Post = {
        id: newId(now.getTime()),
        blogId: blog.id,
        title: data.title ?? "",
        blocks: data.blocks,
        html: renderBlocks(data.blocks),
        authorId: actor.id,
        authorName: actor.name,
        pinned: data.pinned ?? false,
        keyEvent: data.keyEvent ?? false,
        status,
        publishAt,
        publishedAt: status === "published" ? at : null,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
        version: 1,
      };
      await tx.insertPost(post);
      if (key !== undefined) {
        const fresh = await tx.insertIdempotency({
          userId: actor.id,
          key,
          blogId: blog.id,
          requestHash,
          postId: post.id,
          createdAt: at,
        });
        if (!fresh) throw new IdempotencyRace();
      }
      if (post.status === "published") {
        if (post.pinned) await unpinOthers(newsroom, { tx, record }, post);
        await record(blog.id, { kind: "post", post });
      }
      return { post, replayed: false };
    });

  try {
    return await attempt();
  } catch (error) {
    // Two identical requests raced on one key: the loser rolled back; answer with the winner's.
    if (error instanceof IdempotencyRace) return attempt();
    throw error;
  }
}

async function replayIdempotent(
  tx: Store,
  actor: Actor,
  key: string,
  requestHash: string,
): Promise<Post | undefined> {
  const record = await tx.findIdempotency(actor.id, key);
  if (!record) return undefined;
  if (record.requestHash !== requestHash) {
    throw new DomainError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different post; use a new key for a new post",
      { field: "Idempotency-Key" },
    );
  }
  const post = await tx.findPost(record.blogId, record.postId);
  if (!post)
    throw new DomainError("post_not_found", "The post made with this key has since been deleted");
  return post;
}

export async function editPost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
  input: unknown,
  ifMatch?: number,
): Promise<Post> {
  const patch = parseInput(PostPatchInput, input);
  const version = patch.version ?? ifMatch;
  if (version === undefined) {
    throw validationError(
      "version",
      "Send the version you edited (field `version` or an If-Match header) so no one's changes are overwritten",
    );
  }
  if (patch.pinned !== undefined) ensure(actor, "post.pin", "pinned");
  if (patch.keyEvent !== undefined) ensure(actor, "post.pin", "keyEvent");

  return commitChanges(newsroom, async ({ tx, record }) => {
    const blog = await getBlog({ store: tx }, slug);
    const current = await findOrFail(tx, blog, postId);
    ensureMayChange(actor, current);
    if (current.version !== version) throw conflict(current);

    const now = newsroom.clock.now();
    const at = now.toISOString();
    const status = patch.status ?? current.status;
    const next: Post = {
      ...current,
      title: patch.title ?? current.title,
      pinned: patch.pinned ?? current.pinned,
      keyEvent: patch.keyEvent ?? current.keyEvent,
      status,
      publishAt:
        status === "scheduled"
          ? scheduledTime(
              status,
              patch.publishAt === undefined ? current.publishAt : patch.publishAt,
              now,
            )
          : null,
      updatedAt: at,
      version: current.version + 1,
    };
    if (patch.blocks) {
      next.blocks = patch.blocks;
      next.html = renderBlocks(patch.blocks);
    }
    if (status === "published" && current.status !== "published") {
      ensureOpen(blog);
      next.publishedAt = at;
    } else if (status !== "published") {
      next.publishedAt = null;
    }
    if (!(await tx.updatePost(next, current.version))) {
      const latest = await findOrFail(tx, blog, postId);
      throw conflict(latest);
    }
    if (next.status === "published") {
      if (next.pinned && !current.pinned) await unpinOthers(newsroom, { tx, record }, next);
      await record(blog.id, { kind: "post", post: next });
    } else if (current.status === "published") {
      await record(blog.id, { kind: "delete", postId: next.id });
    }
    return next;
  });
}

export async function deletePost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
): Promise<void> {
  await commitChanges(newsroom, async ({ tx, record }) => {
    const blog = await getBlog({ store: tx }, slug);
    const current = await findOrFail(tx, blog, postId);
    ensureMayChange(actor, current);
    const at = newsroom.clock.now().toISOString();
    const deleted: Post = {
      ...current,
      deletedAt: at,
      updatedAt: at,
      version: current.version + 1,
    };
    if (!(await tx.updatePost(deleted, current.version))) {
      throw conflict(await findOrFail(tx, blog, postId));
    }
    if (current.status === "published") await record(blog.id, { kind: "delete", postId });
  });
}

/** Sends out every scheduled post whose time has come. Safe to run on many nodes at once. */
export async function publishDuePosts(newsroom: Newsroom, limit = 100): Promise<Post[]> {
  const due = await newsroom.store.listDuePosts(newsroom.clock.now().toISOString(), limit);
  const published: Post[] = [];
  for (const candidate of due) {
    const post = await commitChanges(newsroom, async ({ tx, record }) => {
      const current = await tx.findPost(candidate.blogId, candidate.id);
      if (current?.status !== "scheduled" || current.version !== candidate.version) return null;
      const at = newsroom.clock.now().toISOString();
      const next: Post = {
        ...current,
        status: "published",
        publishedAt: current.publishAt ?? at,
        publishAt: null,
        updatedAt: at,
        version: current.version + 1,
      };
      if (!(await tx.updatePost(next, current.version))) return null;
      if (next.pinned) await unpinOthers(newsroom, { tx, record }, next);
      await record(next.blogId, { kind: "post", post: next });
      return next;
    });
    if (post) published.push(post);
  }
  return published;
}

/** One pinned post per blog: pinning a post unpins the one pinned before. */
async function unpinOthers(newsroom: Newsroom, { tx, record }: ChangeRecorder, pinned: Post) {
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
    if (await tx.updatePost(unpinned, other.version)) {
      await record(other.blogId, { kind: "post", post: unpinned });
    }
  }
}

async function findOrFail(tx: Store, blog: Blog, postId: string): Promise<Post> {
  const post = await tx.findPost(blog.id, postId);
  if (!post) throw new DomainError("post_not_found", `No post ${postId} in this blog`);
  return post;
}

function conflict(current: Post): DomainError {
  return new DomainError(
    "version_conflict",
    `Someone else changed this post (now at version ${current.version}); merge your changes into the current version and save again`,
    { field: "version", details: { post: current } },
  );
}

function ensureOpen(blog: Blog): void {
  if (blog.status === "closed") {
    throw new DomainError("blog_closed", "This blog is closed; reopen it to publish", {
      field: "status",
    });
  }
}

function scheduledTime(status: PostStatus, publishAt: string | null, now: Date): string | null {
  if (status !== "scheduled") {
    if (publishAt)
      throw validationError("publishAt", 'publishAt is only for posts with status "scheduled"');
    return null;
  }
  if (!publishAt)
    throw validationError("publishAt", "A scheduled post needs publishAt, the time it goes out");
  const time = new Date(publishAt);
  if (time.getTime() <= now.getTime()) {
    throw validationError("publishAt", "publishAt must be in the future");
  }
  return time.toISOString();
}
