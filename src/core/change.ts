// The change log: every change to a blog's public state, numbered by a per-blog sequence that
// strictly increases. Live events, replay after a reconnect and (later) cache purges and the
// polling fallback are all read from it.

import type { Blog } from "./blog.js";
import type { PublicComment } from "./comments.js";
import type { BoxFigure } from "./figures.js";
import type { PollTally } from "./polls.js";
import type { Post } from "./post.js";

export type ChangeBody =
  | { kind: "post"; post: Post }
  | {
      kind: "delete";
      postId: string;
      /** The uploaded images' paths a takedown removed with the post, for the CDN purge only. */
      media?: string[];
    }
  | { kind: "blog"; blog: Blog }
  /** The blog's whole key-figures box as it now stands (core/figures.ts). */
  | { kind: "figures"; figures: BoxFigure[] }
  /** A poll's counts as they now stand (core/polls.ts), pushed at most twice a second. */
  | ({ kind: "poll" } & PollTally)
  /** A reader's comment approved (comments.ts): sent as the `comment` event. */
  | { kind: "comment"; comment: PublicComment }
  /** A comment taken down: sent as a `comment` event with `removed: true`, no words. */
  | { kind: "comment-removal"; commentId: string };

export type Change = ChangeBody & {
  blogId: string;
  seq: number;
  at: string;
};

/**
 * How many changes behind a reader may be and still be sent what it missed. Further behind,
 * a replay costs more than reading the blog afresh (each change is a whole post, about a
 * kilobyte: 500 make half a megabyte), and one anonymous request must not cost the server
 * megabytes and hundreds of milliseconds. Such a reader is told to start over instead.
 */
export const REPLAY_LIMIT = 500;

/** What a reader too far behind is told instead of a replay: read the blog afresh. */
export interface ReplayReset {
  reason: "too far behind";
  /** The blog's sequence the reader can continue from once it has read the blog afresh. */
  last: number;
}
