// A blog as the desk sees it, kept current: the blog itself, its posts (published from the
// public stream, the rest from the desk stream), who is here and what they are editing, and
// whether the stream is connected. Lists are (re)read whenever the stream (re)attaches.
// Published posts are read a page at a time, older pages on request (loadOlder); the desk's
// drafts, submissions and scheduled posts are read whole, page after page, so every post of
// the blog can be reached. A post read from an older page is in the same timeline as the
// rest, so the streams' edits, pins and deletions apply to it alike.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { describeError, NetworkError } from "../api/client";
import { blogs, posts } from "../api/newsroom";
import type { Blog, Person, Post, PostStatus } from "../api/types";
import { recall, remember } from "../offline/remember";
import { connectBlog } from "./streams";
import {
  applyDesk,
  applyPublic,
  emptyTimeline,
  removeDesk,
  removeEverywhere,
  type Timeline,
} from "./timeline";

/** How far down the published timeline the desk has read. */
export interface OlderPosts {
  /** Older published posts remain to be read. */
  more: boolean;
  loading: boolean;
  error: string | null;
  /** The oldest post read while more remain (see publishedPosts); null once all are read. */
  floor: Post | null;
}

export interface BlogLive {
  blog: Blog | null;
  error: string | null;
  timeline: Timeline;
  people: Person[];
  connection: "connected" | "reconnecting";
  /** Posts deleted while this desk was open: who deleted each and when. */
  deletions: ReadonlyMap<string, Deletion>;
  older: OlderPosts;
  /** Reads the next page of older published posts (does nothing while one is on its way). */
  loadOlder(): void;
  /** Posts deleted or taken off the public timeline since the desk opened. */
  gone: ReadonlySet<string>;
  /** Applies a post the app itself just got back from the server. */
  apply(post: Post): void;
  forget(id: string): void;
}

export interface Deletion {
  by: { id: string; name: string };
  at: string;
}

const DESK_STATUSES: PostStatus[] = ["draft", "submitted", "scheduled"];
/** Published posts per page. */
const PAGE = 100;
/** Desk lists are read whole, up to this many pages of 200 each. */
const DESK_PAGES = 25;

const firstReach: OlderPosts = { more: false, loading: false, error: null, floor: null };

/** Every post of one desk status, following the cursor; null if a page could not be read. */
async function readWhole(slug: string, status: PostStatus): Promise<Post[] | null> {
  const all: Post[] = [];
  let before: string | undefined;
  try {
    for (let page = 0; page < DESK_PAGES; page++) {
      const answer = await posts.page(slug, status, { limit: 200, ...(before ? { before } : {}) });
      all.push(...answer.posts);
      if (!answer.next) break;
      before = answer.next;
    }
    return all;
  } catch {
    return null;
  }
}

export function useBlogLive(slug: string): BlogLive {
  const [blog, setBlog] = useState<Blog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<Timeline>(emptyTimeline);
  const [people, setPeople] = useState<Person[]>([]);
  const [connection, setConnection] = useState<"connected" | "reconnecting">("reconnecting");
  const [deletions, setDeletions] = useState<ReadonlyMap<string, Deletion>>(new Map());
  const [older, setOlder] = useState<OlderPosts>(firstReach);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  /** The cursor of the next older page (undefined: none, or not read yet) and this blog's run. */
  const reach = useRef<{ next?: string; read: boolean; loading: boolean; run: number }>({
    read: false,
    loading: false,
    run: 0,
  });

  const markGone = (id: string) => setGone((ids) => new Set(ids).add(id));

  useEffect(() => {
    let stopped = false;
    const run = reach.current.run + 1;
    reach.current = { read: false, loading: false, run };
    setTimeline(emptyTimeline);
    setOlder(firstReach);
    setGone(new Set());
    const known = (next: Blog) => {
      remember(`blog:${slug}`, next);
      setBlog(next);
    };
    // Offline, the blog last seen on this device opens, so its composer can still be used.
    const readBlog = () =>
      blogs.get(slug).then(known, (e) => {
        const last = recall<Blog>(`blog:${slug}`);
        if (e instanceof NetworkError && last) setBlog((shown) => shown ?? last);
        else setError(describeError(e));
      });
    void readBlog();
    /**
     * `afresh` after a reset: the stream could not say what changed, posts deleted meanwhile
     * included, so the published timeline is rebuilt from the newest page.
     */
    const readPublished = (afresh = false) =>
      posts.page(slug, "published", { limit: PAGE }).then(
        (page) => {
          if (stopped) return;
          setTimeline((t) =>
            page.posts.reduce(applyPublic, afresh ? { ...t, published: new Map() } : t),
          );
          // A re-read after a reconnect refreshes the newest page and keeps how far down
          // older pages have already been read.
          if (reach.current.read && !afresh) return;
          const { run } = reach.current;
          reach.current = {
            read: true,
            loading: false,
            // Older pages still being read belong to the timeline before the reset.
            run: afresh ? run + 1 : run,
            ...(page.next ? { next: page.next } : {}),
          };
          const floor = page.next ? (page.posts.at(-1) ?? null) : null;
          setOlder({ more: Boolean(page.next), loading: false, error: null, floor });
        },
        () => {},
      );
    const readDesk = () =>
      Promise.all(DESK_STATUSES.map((status) => readWhole(slug, status))).then((lists) => {
        if (stopped) return;
        const read = lists.flatMap((list) => list ?? []);
        const complete = lists.every((list) => list !== null);
        const seen = new Set(read.map((p) => p.id));
        setTimeline((t) => {
          // Whatever left the desk while we were not listening is dropped (only when every
          // list was read: a list that failed says nothing about its posts).
          let next = t;
          if (complete)
            for (const id of t.desk.keys()) if (!seen.has(id)) next = removeDesk(next, id);
          return read.reduce(applyDesk, next);
        });
      });
    const stop = connectBlog(slug, {
      post: (post) => setTimeline((t) => applyPublic(t, post)),
      remove: (id) => {
        setTimeline((t) => removeEverywhere(t, id));
        markGone(id);
      },
      blog: known,
      deskPost: (post) => setTimeline((t) => applyDesk(t, post)),
      deskRemove: ({ id, by, at }) => {
        setTimeline((t) => removeDesk(t, id));
        if (by && at) setDeletions((known) => new Map(known).set(id, { by, at }));
      },
      presence: setPeople,
      opened: () => void Promise.all([readBlog(), readPublished(), readDesk()]),
      publicReset: () => void Promise.all([readBlog(), readPublished(true), readDesk()]),
      connection: setConnection,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [slug]);

  const loadOlder = useCallback(() => {
    const current = reach.current;
    if (!current.next || current.loading) return;
    const { run, next: before } = current;
    current.loading = true;
    setOlder((o) => ({ ...o, loading: true, error: null }));
    posts.page(slug, "published", { limit: PAGE, before }).then(
      (page) => {
        if (reach.current.run !== run) return;
        setTimeline((t) => page.posts.reduce(applyPublic, t));
        const { read } = reach.current;
        reach.current = { run, read, loading: false, ...(page.next ? { next: page.next } : {}) };
        setOlder((o) => ({
          more: Boolean(page.next),
          loading: false,
          error: null,
          floor: page.next ? (page.posts.at(-1) ?? o.floor) : null,
        }));
      },
      (e) => {
        if (reach.current.run !== run) return;
        reach.current.loading = false;
        setOlder((o) => ({ ...o, loading: false, error: describeError(e) }));
      },
    );
  }, [slug]);

  return {
    blog,
    error,
    timeline,
    people,
    connection,
    deletions,
    older,
    loadOlder,
    gone,
    apply: (post) =>
      setTimeline((t) => (post.status === "published" ? applyPublic(t, post) : applyDesk(t, post))),
    forget: (id) => {
      setTimeline((t) => removeEverywhere(t, id));
      markGone(id);
    },
  };
}
