// The change log: every change to a blog's public state, numbered by a per-blog sequence that
// strictly increases. Live events, replay after a reconnect and (later) cache purges and the
// polling fallback are all read from it.

import type { Blog } from "./blog.js";
import type { Post } from "./post.js";

export type ChangeBody =
  | { kind: "post"; post: Post }
  | { kind: "delete"; postId: string }
  | { kind: "blog"; blog: Blog };

export type Change = ChangeBody & {
  blogId: string;
  seq: number;
  at: string;
};
