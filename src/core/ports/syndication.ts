// What the core asks of the store about following other blogs (core/syndication.ts).

import type { BlogFollow, FollowedSource } from "../syndication.js";

/** Follows of other blogs and the posts they brought (operations/follow.ts, syndicate.ts). */
export interface SyndicationStore {
  findFollow(blogId: string): Promise<BlogFollow | undefined>;
  listFollows(): Promise<BlogFollow[]>;
  /** Writes a new follow, or replaces the blog's follow (progress starts afresh). */
  saveFollow(follow: BlogFollow): Promise<void>;
  /** Ends the blog's follow; false when it followed nothing. */
  deleteFollow(blogId: string): Promise<boolean>;
  /**
   * Takes or renews the lease on a follow's stream for `owner` until `until`, if no other
   * owner holds an unexpired one; true when `owner` holds it now.
   */
  takeFollowLease(blogId: string, owner: string, now: string, until: string): Promise<boolean>;
  releaseFollowLease(blogId: string, owner: string): Promise<void>;
  /**
   * Records event `seq` of the source as applied, only if the follow still follows that
   * source with the same settings and has not applied it (or a later one) yet; false otherwise. Call inside the
   * transaction that applies the event, first, so a replayed event changes nothing.
   */
  advanceFollow(blogId: string, follow: FollowedSource, seq: number, at: string): Promise<boolean>;
  /** After a resync: the follow continues from `seq` (never moves back). */
  resumeFollowAt(blogId: string, follow: FollowedSource, seq: number): Promise<void>;
  /** The follow's stream status: connected since, the last error, the source's title. */
  recordFollowStatus(
    blogId: string,
    sourceUrl: string,
    status: {
      connectedAt?: string | null;
      error?: { message: string; at: string } | null;
      sourceTitle?: string;
    },
  ): Promise<void>;
  /** The local post standing for a source post. */
  findSyndicated(
    blogId: string,
    sourceUrl: string,
    sourcePostId: string,
  ): Promise<string | undefined>;
  /** Source post ids and their local posts. */
  listSyndicated(
    blogId: string,
    sourceUrl: string,
  ): Promise<{ sourcePostId: string; postId: string }[]>;
  saveSyndicated(
    blogId: string,
    sourceUrl: string,
    sourcePostId: string,
    postId: string,
  ): Promise<void>;
  forgetSyndicated(blogId: string, sourceUrl: string, sourcePostId: string): Promise<void>;
  /** How many posts the blog holds from that source. */
  countSyndicated(blogId: string, sourceUrl: string): Promise<number>;
}
