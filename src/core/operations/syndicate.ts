// Applying a followed blog's events to the follower blog. Each event is applied in one
// transaction that first records it as applied (advanceFollow): an event already applied, or
// one read under settings since changed, changes nothing, and a crash between the change and
// its record cannot happen. Applying is by state, not by step: a `post` event makes the local
// copy match the source post as it is (added, replaced, or removed when no longer wanted), so
// a replay after a reset, or the same post twice, converges on the same posts. Syndicated
// posts go through the same change log, live events, caches and purges as any post; they are
// never pinned here (the source's pin is the source's choice for its own page). A post the
// source no longer shows leaves no words behind here (removePost).

import type { BlockWords } from "../content/block-words.js";
import { type RenderTime, renderBlocks } from "../content/render.js";
import { newId } from "../ids.js";
import type { Newsroom } from "../ports.js";
import type { Post } from "../post.js";
import {
  type BlogFollow,
  type FollowedSource,
  parseSourceAddress,
  SourcePost,
  sameContent,
  sourceTitle,
  syndicatedContent,
} from "../syndication.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { eraseWords } from "./corrections.js";
import { announce } from "./post-changes.js";

/** One event of the source's stream, as the follower read it. */
export type SourceEvent =
  | { seq: number; kind: "post"; data: unknown }
  | { seq: number; kind: "delete"; data: unknown }
  | { seq: number; kind: "blog"; data: unknown };

export interface SyndicationContext {
  /** Whether a host (`host:port`) is this site's own: images there are left out. */
  isOwnHost: (host: string) => boolean;
}

/** Applies one event; false when it had been applied already (or the follow changed). */
export function applySourceEvent(
  newsroom: Newsroom,
  follow: BlogFollow,
  event: SourceEvent,
  context: SyndicationContext,
): Promise<boolean> {
  return commitChanges(newsroom, async (recorder) => {
    if (!(await recorder.tx.advanceFollow(follow.blogId, follow, event.seq, recorder.at)))
      return false;
    if (event.kind === "post") {
      const parsed = SourcePost.safeParse(event.data);
      // A post this server cannot read is passed over; the rest of the stream still counts.
      if (parsed.success) await putPost(newsroom, recorder, follow, parsed.data, context);
    } else if (event.kind === "delete") {
      const id = SourcePost.shape.id.safeParse((event.data as { id?: unknown } | null)?.id);
      if (id.success) await removePost(recorder, follow, id.data);
    } else {
      const title = sourceTitle((event.data as { title?: unknown } | null)?.title);
      if (title !== undefined) {
        await recorder.tx.recordFollowStatus(follow.blogId, follow.sourceUrl, {
          sourceTitle: title,
        });
        follow.sourceTitle = title;
      }
    }
    return true;
  });
}

/**
 * After a `reset` (the follower was too far behind for a replay): makes the blog hold exactly
 * the source's published posts as read afresh, then continues from `last`. Each post is its
 * own transaction; an interrupted resync is simply done again, as the follow's progress only
 * moves to `last` at the end.
 */
export async function resyncFromSource(
  newsroom: Newsroom,
  follow: BlogFollow,
  posts: readonly unknown[],
  last: number,
  context: SyndicationContext & { stopped?: () => boolean },
): Promise<void> {
  const seen = new Set<string>();
  // Oldest first, as they were published: posts of the same second keep their order.
  for (const raw of [...posts].reverse()) {
    if (context.stopped?.()) return;
    const parsed = SourcePost.safeParse(raw);
    if (!parsed.success) continue;
    seen.add(parsed.data.id);
    await commitChanges(newsroom, (recorder) =>
      putPost(newsroom, recorder, follow, parsed.data, context),
    );
  }
  for (const { sourcePostId } of await newsroom.store.listSyndicated(
    follow.blogId,
    follow.sourceUrl,
  )) {
    if (context.stopped?.()) return;
    if (seen.has(sourcePostId)) continue;
    await commitChanges(newsroom, (recorder) => removePost(recorder, follow, sourcePostId));
  }
  if (!context.stopped?.()) await newsroom.store.resumeFollowAt(follow.blogId, follow, last);
}

async function putPost(
  newsroom: Newsroom,
  recorder: ChangeRecorder,
  follow: FollowedSource & Pick<BlogFollow, "blogId" | "sourceTitle" | "createdBy">,
  source: SourcePost,
  context: SyndicationContext,
): Promise<void> {
  // A post the source itself had from elsewhere is not passed on (follow its origin instead):
  // two blogs following each other, or a blog following itself, never echo.
  const wanted =
    source.origin === undefined &&
    (source.status === undefined || source.status === "published") &&
    (!follow.keyEventsOnly || source.keyEvent === true);
  if (!wanted) return removePost(recorder, follow, source.id);
  const { tx, at } = recorder;
  const address = parseSourceAddress(follow.sourceUrl);
  const content = syndicatedContent(address, follow.sourceTitle, source, context.isOwnHost);
  const localId = await tx.findSyndicated(follow.blogId, follow.sourceUrl, source.id);
  // The words the post's HTML carries are the following blog's, not the source's.
  const following = await tx.findBlogById(follow.blogId);
  const zone = { language: following?.language ?? "en", timezone: following?.timezone ?? "UTC" };
  const words = newsroom.blockWords(zone.language);
  if (localId) {
    // Deleted here by an editor: the newsroom's choice stands, edits at the source or not.
    const current = await tx.findPost(follow.blogId, localId);
    if (!current || sameContent(current, content)) return;
    const next: Post = {
      ...current,
      ...contentFields(content, words, { at: newsroom.clock.now(), zone }),
      updatedAt: at,
      version: current.version + 1,
    };
    if (!(await tx.updatePost(next, current.version))) {
      throw new Error(`The local copy of ${source.id} changed while it was being replaced`);
    }
    await announce(recorder, current, next);
    await recorder.audit(null, "post.edit", {
      blogId: follow.blogId,
      postId: next.id,
      detail: { syndicated: content.origin.url },
    });
    return;
  }
  const blog = await tx.findBlogById(follow.blogId);
  // A closed blog's coverage has ended: it takes no new posts, but corrections still reach it.
  if (!blog || blog.status === "closed") return;
  const now = newsroom.clock.now();
  const post: Post = {
    id: newId(now.getTime()),
    blogId: follow.blogId,
    ...contentFields(content, words, { at: newsroom.clock.now(), zone }),
    authorId: follow.createdBy.id,
    pinned: false,
    status: "published",
    publishAt: null,
    publishedAt: shownTime(source.publishedAt, now),
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    version: 1,
  };
  await tx.insertPost(post);
  await tx.saveSyndicated(follow.blogId, follow.sourceUrl, source.id, post.id);
  await announce(recorder, null, post);
  await recorder.audit(null, "post.publish", {
    blogId: follow.blogId,
    postId: post.id,
    detail: { syndicated: content.origin.url },
  });
}

function contentFields(
  content: ReturnType<typeof syndicatedContent>,
  words: BlockWords,
  when: RenderTime,
) {
  return {
    title: content.title,
    blocks: content.blocks,
    html: renderBlocks(content.blocks, words, when),
    keyEvent: content.keyEvent,
    authorName: content.authorName,
    bylines: [{ name: content.authorName }],
    origin: content.origin,
    source: content.source,
    verification: content.verification,
    tags: content.tags,
  };
}

/**
 * The source's time, so posts keep the source's order (also those from before this blog
 * began: they are the source's coverage); never in the future.
 */
function shownTime(published: string | null | undefined, now: Date): string {
  const time = published ? Date.parse(published) : Number.NaN;
  if (Number.isNaN(time) || time > now.getTime()) return now.toISOString();
  return new Date(time).toISOString();
}

/**
 * The source no longer shows the post (deleted or taken down there, unpublished, or no longer
 * wanted here): the local copy's words were never this newsroom's, so they are erased as a
 * takedown erases them, also from a copy an editor had deleted, by the system on the
 * source's behalf, and audited as a takedown.
 */
async function removePost(
  recorder: ChangeRecorder,
  follow: FollowedSource & Pick<BlogFollow, "blogId" | "sourceTitle" | "createdBy">,
  sourcePostId: string,
): Promise<void> {
  const { tx, at } = recorder;
  const localId = await tx.findSyndicated(follow.blogId, follow.sourceUrl, sourcePostId);
  if (!localId) return;
  await tx.forgetSyndicated(follow.blogId, follow.sourceUrl, sourcePostId);
  const current = await tx.findPostAnywhere(localId);
  if (!current || current.blogId !== follow.blogId) return;
  if (current.deletedAt && current.blocks.length === 0) return;
  const source = follow.sourceTitle || "The followed blog";
  const by = { id: follow.createdBy.id, name: source };
  const erased = await eraseWords(recorder, current, { by, at });
  if (!erased) {
    throw new Error(`The local copy of ${sourcePostId} changed while it was being removed`);
  }
  await recorder.audit(null, "post.takedown", {
    blogId: follow.blogId,
    postId: current.id,
    detail: {
      title: current.title,
      reason: `Removed at its source, ${source}`,
      syndicated: follow.sourceUrl,
      ...erased,
    },
  });
}
