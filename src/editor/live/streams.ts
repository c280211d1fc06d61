// One blog's live events on the desk: the public ones (post, delete, blog; `reset` when the
// stream was too far behind to be told what it missed) and the newsroom's (desk-post,
// desk-delete, presence), from the one stream this browser's desk tabs share (desk-tabs.ts).
// Each time the blog comes (back) on the stream its lists are read afresh: desk events are
// not replayed, and a public replay cannot say what a new view of the blog has not read yet.

import type { Blog, DeskRemoval, Person, Post, ReaderComment } from "../api/types";
import { followOnDesk } from "./desk-tabs";

export interface BlogStreamHandlers {
  post(post: Post): void;
  remove(id: string): void;
  blog(blog: Blog): void;
  deskPost(post: Post): void;
  deskRemove(removed: DeskRemoval): void;
  presence(people: Person[]): void;
  /** A reader's comment arrived, was reported or moderated (the moderation screen). */
  deskComment?(comment: ReaderComment): void;
  /** The blog is on the stream, live: a list read now misses nothing. */
  opened(): void;
  /**
   * The public stream was too far behind to be told what it missed (`reset`); it goes on
   * live from here, and the lists must be read afresh.
   */
  publicReset(): void;
  connection(state: "connected" | "reconnecting"): void;
}

export function connectBlog(slug: string, on: BlogStreamHandlers): () => void {
  const events: Record<string, (data: unknown) => void> = {
    post: (data) => on.post(data as Post),
    delete: (data) => on.remove((data as { id: string }).id),
    blog: (data) => on.blog(data as Blog),
    reset: () => on.publicReset(),
    "desk-post": (data) => on.deskPost(data as Post),
    "desk-delete": (data) => on.deskRemove(data as DeskRemoval),
    presence: (data) => on.presence((data as { people?: Person[] }).people ?? []),
    "desk-comment": (data) => on.deskComment?.(data as ReaderComment),
  };
  return followOnDesk(slug, {
    event: (name, data) => events[name]?.(data),
    opened: () => {
      on.connection("connected");
      on.opened();
    },
    down: () => on.connection("reconnecting"),
  });
}
