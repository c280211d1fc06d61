// Desk events: what the newsroom sees live besides the public stream — changes to posts that
// are not public (drafts, submissions waiting for approval, scheduled posts) and who is on a
// blog's desk. They are not part of the public change log and are not replayed.

import type { Post } from "./post.js";

export interface DeskPerson {
  userId: string;
  name: string;
  editing: string | null;
}

export type DeskEvent =
  | { blogId: string; kind: "desk-post"; post: Post }
  | { blogId: string; kind: "desk-delete"; postId: string }
  | { blogId: string; kind: "presence"; people: DeskPerson[] };
