// What the desk knows about a blog's posts, merged from the lists it read and the two live
// streams: the public one (published posts) and the desk one (drafts, submissions, scheduled
// posts). Each is kept apart because the streams arrive in no particular order relative to
// each other; a newer version always wins, and a repeated or older event changes nothing.

import type { Post } from "../api/types";

export interface Timeline {
  published: ReadonlyMap<string, Post>;
  desk: ReadonlyMap<string, Post>;
}

export const emptyTimeline: Timeline = { published: new Map(), desk: new Map() };

const newer = (current: Post | undefined, next: Post) =>
  !current || next.version >= current.version;

/** A post from the public stream or list. Not published any more means gone from the public. */
export function applyPublic(state: Timeline, post: Post): Timeline {
  if (post.status !== "published") return removePublic(state, post.id, post.version);
  if (!newer(state.published.get(post.id), post)) return state;
  const published = new Map(state.published).set(post.id, post);
  const deskPost = state.desk.get(post.id);
  const desk = new Map(state.desk);
  if (deskPost && deskPost.version <= post.version) desk.delete(post.id);
  return { published, desk };
}

export function removePublic(state: Timeline, id: string, beforeVersion?: number): Timeline {
  const current = state.published.get(id);
  if (!current || (beforeVersion !== undefined && current.version > beforeVersion)) return state;
  const published = new Map(state.published);
  published.delete(id);
  return { ...state, published };
}

/** A post from the desk stream or the newsroom's lists: a draft, submission or scheduled post. */
export function applyDesk(state: Timeline, post: Post): Timeline {
  if (post.status === "published") return applyPublic(state, post);
  if (!newer(state.desk.get(post.id), post)) return state;
  const desk = new Map(state.desk).set(post.id, post);
  return removePublic({ ...state, desk }, post.id, post.version);
}

export function removeDesk(state: Timeline, id: string): Timeline {
  if (!state.desk.has(id)) return state;
  const desk = new Map(state.desk);
  desk.delete(id);
  return { ...state, desk };
}

/** Deleted for good: gone from both. */
export function removeEverywhere(state: Timeline, id: string): Timeline {
  return removeDesk(removePublic(state, id), id);
}

const time = (post: Post) => Date.parse(post.publishedAt ?? post.publishAt ?? post.updatedAt) || 0;

/** Newest first, as readers see them: by time, then by id, as the server pages them. */
const newestFirst = (a: Post, b: Post) =>
  time(b) - time(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Newest first, as readers see them. With `floor` (the oldest post of the pages read so far,
 * while older pages remain) only posts down to it: an older post that arrived live waits
 * until the pages reach it, so the list never skips posts it has not read yet.
 */
export function publishedPosts(state: Timeline, floor?: Post | null): Post[] {
  const posts = [...state.published.values()].sort(newestFirst);
  return floor ? posts.filter((post) => newestFirst(post, floor) <= 0) : posts;
}

export function deskPosts(state: Timeline, status: Post["status"]): Post[] {
  return [...state.desk.values()]
    .filter((post) => post.status === status)
    .sort((a, b) =>
      status === "scheduled"
        ? time(a) - time(b)
        : Date.parse(b.updatedAt) - Date.parse(a.updatedAt),
    );
}
