// Publishing, editing and deleting posts. Every change to what readers see is logged in the
// same transaction as the change, then broadcast (see post-changes.ts for who sees what).
// In a blog that needs approval, a reporter's publish becomes a submission for an editor.
// The words of the uploaded images a post is saved with are remembered in the media library.

import {
  cleanSource,
  cleanVerification,
  ensureMayVerify,
  verificationChange,
} from "../attribution.js";
import type { Blog } from "../blog.js";
import { shownBylines, userByline } from "../byline.js";
import { renderBlocks } from "../content/render.js";
import { versionOf, wordsChanged } from "../corrections.js";
import { DomainError, validationError } from "../errors.js";
import { newId } from "../ids.js";
import { trustedCards } from "../link-cards.js";
import { ensure, ensureMayChange } from "../permissions.js";
import { keepVotesWithTheirAnswers, settledPolls } from "../polls.js";
import type { Newsroom, Store } from "../ports.js";
import { type Post, PostCreateInput, PostPatchInput, type PostStatus } from "../post.js";
import { fingerprint } from "../secrets.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { bylineNames, resolveBylines } from "./bylines.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { republishWords, withdrawWords } from "./corrections.js";
import { displayedTime } from "./displayed-time.js";
import { sizedBlocks } from "./image-sizes.js";
import { rememberImageWords } from "./media-library.js";
import {
  announce,
  conflict,
  ensureOpen,
  findOrFail,
  STATUS_ACTIONS,
  scheduledTime,
  unpinOthers,
} from "./post-changes.js";
import { getBlog } from "./read.js";

export interface PublishResult {
  post: Post;
  /** True when an Idempotency-Key matched an earlier request: nothing new was written. */
  replayed: boolean;
}

class IdempotencyRace extends Error {}

/** A reporter's publish in a blog that needs approval goes to the editors' queue instead. */
function statusFor(actor: Actor, blog: Blog, requested: PostStatus): PostStatus {
  const needsApproval = actor.role === "reporter" && blog.reporterMode === "approval";
  return needsApproval && (requested === "published" || requested === "scheduled")
    ? "submitted"
    : requested;
}

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
  const verification = cleanVerification(data.verification ?? null);
  ensureMayVerify(actor, verification, null);
  const key = options.idempotencyKey;
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    throw validationError("Idempotency-Key", "An Idempotency-Key has 1 to 200 characters");
  }
  // Only a request that may be repeated needs its fingerprint.
  const requestHash = key === undefined ? "" : fingerprint({ slug, data });
  const now = newsroom.clock.now();
  const requested: PostStatus = data.status ?? "published";
  const publishAt = scheduledTime(requested, data.publishAt ?? null, now);

  const attempt = () =>
    commitChanges(newsroom, async (recorder) => {
      const { tx } = recorder;
      const blog = await getBlog({ store: tx }, slug);
      if (key !== undefined) {
        const earlier = await replayIdempotent(tx, actor, key, requestHash, now);
        if (earlier) return { post: earlier, replayed: true };
      }
      const status = statusFor(actor, blog, requested);
      if (status === "published") ensureOpen(blog);
      const at = now.toISOString();
      // Signed by the actor unless the request names its contributors (see bylines.ts).
      const bylines = data.bylines
        ? await resolveBylines(tx, actor, data.bylines)
        : [userByline(actor)];
      // A card is the server's to read after publishing, never a client's to give.
      const id = newId(now.getTime());
      // So are a poll's id and its results: the votes are counted by the server.
      const blocks = settledPolls(trustedCards(await sizedBlocks(tx, data.blocks)), id);
      const post: Post = {
        id,
        blogId: blog.id,
        title: data.title ?? "",
        blocks,
        html: renderBlocks(blocks, newsroom.blockWords(blog.language), { at: now, zone: blog }),
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
        bylines,
        source: cleanSource(data.source ?? null),
        verification,
        ...(data.tags?.length ? { tags: data.tags } : {}),
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
      await rememberImageWords(tx, actor, post.blocks, at);
      if (post.status === "published" && post.pinned) await unpinOthers(newsroom, recorder, post);
      await announce(recorder, null, post);
      // The entry names the actor; the bylines say on whose behalf they published.
      await recorder.audit(actor, STATUS_ACTIONS[post.status], {
        blogId: blog.id,
        postId: post.id,
        ...(data.bylines || verification
          ? {
              detail: {
                ...(data.bylines ? { bylines: bylineNames(bylines) } : {}),
                ...(verification ? { verification: { from: null, to: verification.state } } : {}),
              },
            }
          : {}),
      });
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
  now: Date,
): Promise<Post | undefined> {
  const record = await tx.findIdempotency(actor.id, key);
  if (!record) return undefined;
  if (record.createdAt < retentionCutoff(now)) {
    // Past the retention the key is forgotten, whether or not the hourly sweep has run yet:
    // clear it so this request's own record can take its place.
    await tx.forgetIdempotency(actor.id, key);
    return undefined;
  }
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

  return commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
    const blog = await getBlog({ store: tx }, slug);
    const current = await findOrFail(tx, blog, postId);
    ensureMayChange(actor, current);
    if (current.version !== version) throw conflict(current);
    if (current.status === "published" && statusFor(actor, blog, "published") === "submitted") {
      throw new DomainError(
        "forbidden",
        "In this blog an editor changes published posts; ask the desk",
        {
          field: "status",
        },
      );
    }

    const now = newsroom.clock.now();
    const at = now.toISOString();
    const requested = patch.status ?? current.status;
    const status = requested === current.status ? requested : statusFor(actor, blog, requested);
    const keepTime = patch.publishAt === undefined ? current.publishAt : patch.publishAt;
    const next: Post = {
      ...current,
      title: patch.title ?? current.title,
      pinned: patch.pinned ?? current.pinned,
      keyEvent: patch.keyEvent ?? current.keyEvent,
      status,
      publishAt:
        requested === "scheduled" || requested === "submitted"
          ? scheduledTime(requested, keepTime, now)
          : null,
      updatedAt: at,
      version: current.version + 1,
      // A returned post sent on again (or published) leaves its editor's note behind.
      returnNote: status === "draft" ? (current.returnNote ?? null) : null,
    };
    if (patch.blocks) {
      // An unchanged link keeps its card; a new or changed one has none until it is read.
      next.blocks = await keepVotesWithTheirAnswers(
        settledPolls(
          trustedCards(await sizedBlocks(tx, patch.blocks), current),
          current.id,
          current,
        ),
        current,
        (pollId) => tx.countPollVotes(pollId),
      );
      next.html = renderBlocks(next.blocks, newsroom.blockWords(blog.language), {
        at: now,
        zone: blog,
      });
    }
    if (patch.bylines) {
      next.bylines = await resolveBylines(tx, actor, patch.bylines, shownBylines(current));
    }
    if (patch.source !== undefined) next.source = cleanSource(patch.source);
    if (patch.tags !== undefined) next.tags = patch.tags;
    if (patch.verification !== undefined) {
      next.verification = cleanVerification(patch.verification);
      ensureMayVerify(actor, next.verification, current.verification ?? null);
    }
    const verified = verificationChange(current.verification, next.verification);
    if (status === "published" && current.status !== "published") {
      ensureOpen(blog);
      next.publishedAt = at;
    } else if (status !== "published") {
      next.publishedAt = null;
    }
    // Moving the displayed time moves the post in every timeline, which is ordered by it.
    if (patch.publishedAt !== undefined) {
      next.publishedAt = displayedTime(actor, blog, status, patch.publishedAt, now);
    }
    // Readers are told of a change of a published post's words, and can read what it said;
    // a post published again after it was withdrawn, of a change since readers last saw it.
    const edited =
      current.status === "published" && next.status === "published" && wordsChanged(current, next);
    const corrected =
      edited ||
      (next.status === "published" &&
        current.status !== "published" &&
        (await republishWords(tx, next)));
    if (patch.correction !== undefined && !corrected) {
      throw validationError(
        "correction",
        "A correction note goes with a change of the title, body or source line of a published post",
      );
    }
    if (corrected) {
      next.contentUpdatedAt = at;
      if (patch.correction) next.correction = { note: patch.correction, at };
    }
    const retimed =
      patch.publishedAt !== undefined &&
      current.status === "published" &&
      next.publishedAt !== current.publishedAt;
    if (!(await tx.updatePost(next, current.version)))
      throw conflict(await findOrFail(tx, blog, postId));
    if (patch.blocks) await rememberImageWords(tx, actor, patch.blocks, at);
    if (edited)
      await tx.insertPostVersion(versionOf(current, newId(now.getTime()), at, patch.correction));
    if (current.status === "published" && next.status !== "published")
      await withdrawWords(tx, current, newId(now.getTime()), at);
    if (next.status === "published" && next.pinned && !current.pinned) {
      await unpinOthers(newsroom, recorder, next);
    }
    await announce(recorder, current, next);
    const action =
      next.status !== current.status
        ? STATUS_ACTIONS[next.status]
        : next.pinned !== current.pinned
          ? next.pinned
            ? "post.pin"
            : "post.unpin"
          : retimed
            ? "post.retime"
            : verified
              ? "post.verify"
              : "post.edit";
    const fields = Object.keys(patch).filter((k) => k !== "version");
    const detail: Record<string, unknown> = { fields };
    if (retimed) detail.publishedAt = { from: current.publishedAt, to: next.publishedAt };
    if (patch.bylines) detail.bylines = bylineNames(next.bylines);
    if (verified) detail.verification = verified;
    if (patch.correction) detail.correction = patch.correction;
    await recorder.audit(actor, action, { blogId: blog.id, postId, detail });
    return next;
  });
}

export async function deletePost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
): Promise<void> {
  await commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
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
    if (!(await tx.updatePost(deleted, current.version)))
      throw conflict(await findOrFail(tx, blog, postId));
    await announce(recorder, current, deleted, {
      by: { id: actor.id, name: actor.name },
      at,
    });
    await recorder.audit(actor, "post.delete", {
      blogId: blog.id,
      postId,
      detail: { title: current.title },
    });
  });
}

/**
 * How long a publish's Idempotency-Key is remembered. A reporter's offline outbox may retry a
 * post days later (a network shutdown can last weeks), so this is generous; after it, a
 * request with the same key makes a new post.
 */
export const IDEMPOTENCY_RETENTION_DAYS = 30;

/** Forgets idempotency keys older than the retention; returns how many. Safe on many nodes. */
export function forgetOldIdempotencyKeys(
  newsroom: Pick<Newsroom, "store" | "clock">,
): Promise<number> {
  return newsroom.store.deleteIdempotencyBefore(retentionCutoff(newsroom.clock.now()));
}

/** Keys made before this time (ISO) are forgotten. */
function retentionCutoff(now: Date): string {
  return new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 24 * 3600 * 1000).toISOString();
}

/**
 * Sends out every scheduled post whose time has come. Safe to run on many nodes at once.
 * A post due in a blog closed since it was scheduled never goes out: closing ends the
 * coverage. It goes back to its author as a draft (audited, and told to the desk), rather
 * than staying scheduled and being looked at again on every tick; reopening the blog and
 * scheduling it again sends it.
 */
export async function publishDuePosts(newsroom: Newsroom, limit = 100): Promise<Post[]> {
  const due = await newsroom.store.listDuePosts(newsroom.clock.now().toISOString(), limit);
  const published: Post[] = [];
  for (const candidate of due) {
    const post = await commitChanges(newsroom, async (recorder) => {
      const { tx } = recorder;
      const current = await tx.findPost(candidate.blogId, candidate.id);
      if (current?.status !== "scheduled" || current.version !== candidate.version) return null;
      const at = newsroom.clock.now().toISOString();
      const blog = await tx.findBlogById(current.blogId);
      if (blog?.status === "closed") return backToDraft(recorder, current, at);
      const next: Post = {
        ...current,
        status: "published",
        publishedAt: current.publishAt ?? at,
        publishAt: null,
        updatedAt: at,
        version: current.version + 1,
      };
      // Public before and withdrawn until now: readers are told if its words changed.
      if (await republishWords(tx, next)) next.contentUpdatedAt = at;
      if (!(await tx.updatePost(next, current.version))) return null;
      if (next.pinned) await unpinOthers(newsroom, recorder, next);
      await announce(recorder, current, next);
      await recorder.audit(null, "post.publish", {
        blogId: next.blogId,
        postId: next.id,
        detail: { scheduled: true },
      });
      return next;
    });
    if (post?.status === "published") published.push(post);
  }
  return published;
}

/** A scheduled post due in a closed blog: back to its author as a draft, not published. */
async function backToDraft(
  recorder: ChangeRecorder,
  current: Post,
  at: string,
): Promise<Post | null> {
  const next: Post = {
    ...current,
    status: "draft",
    publishAt: null,
    updatedAt: at,
    version: current.version + 1,
  };
  if (!(await recorder.tx.updatePost(next, current.version))) return null;
  await announce(recorder, current, next);
  await recorder.audit(null, "post.draft", {
    blogId: next.blogId,
    postId: next.id,
    detail: { scheduled: true, reason: "blog_closed" },
  });
  return next;
}
