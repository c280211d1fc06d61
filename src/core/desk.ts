// Desk events: what the newsroom sees live besides the public stream — changes to posts that
// are not public (drafts, submissions waiting for approval, scheduled posts) and who is on a
// blog's desk. They are not part of the public change log and are not replayed.

import type { Comment } from "./comments.js";
import type { Contribution } from "./contributions.js";
import type { Post } from "./post.js";

export interface DeskPerson {
  userId: string;
  name: string;
  editing: string | null;
}

/** Who deleted a post and when: a colleague with the post open is told in words. */
export interface DeskDeletion {
  by: { id: string; name: string };
  at: string;
}

/** What a newsroom client is sent on a blog's desk stream. */
export type DeskClientEvent =
  | { blogId: string; kind: "desk-post"; post: Post }
  | {
      blogId: string;
      kind: "desk-delete";
      postId: string;
      deletedBy?: DeskDeletion;
      /** Set when the post was a draft or submission: only its author and editors may know. */
      privateTo?: string;
    }
  | { blogId: string; kind: "presence"; people: DeskPerson[] }
  /** A reader's contribution arrived or changed: for those who moderate the queue only. */
  | { blogId: string; kind: "contribution"; contribution: Contribution }
  /** A comment arrived, waits again (reports) or was moderated: the moderation screen redraws it. */
  | { blogId: string; kind: "desk-comment"; comment: Comment };

/**
 * Desk events as they travel between nodes (and workers): the client events; each node's
 * share of a desk's presence, which the nodes merge into the `presence` their clients see;
 * what someone said they are editing, for whichever node holds their desk connection; and
 * that a user's access changed (sessions ended, role, disabled, token revoked), so every node
 * checks the desk streams that user holds again at once.
 */
export type DeskEvent =
  | DeskClientEvent
  | { blogId: string; kind: "presence-share"; node: string; people: DeskPerson[] }
  | { blogId: string; kind: "editing"; userId: string; postId: string | null }
  | { kind: "user-changed"; userId: string };
