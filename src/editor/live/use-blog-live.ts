// A blog as the desk sees it, kept current: the blog itself, its posts (published from the
// public stream, the rest from the desk stream), who is here and what they are editing, and
// whether the streams are connected. Lists are (re)read whenever a stream (re)attaches.

import { useEffect, useState } from "preact/hooks";
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

export interface BlogLive {
  blog: Blog | null;
  error: string | null;
  timeline: Timeline;
  people: Person[];
  connection: "connected" | "reconnecting";
  /** Posts deleted while this desk was open: who deleted each and when. */
  deletions: ReadonlyMap<string, Deletion>;
  /** Applies a post the app itself just got back from the server. */
  apply(post: Post): void;
  forget(id: string): void;
}

export interface Deletion {
  by: { id: string; name: string };
  at: string;
}

const DESK_STATUSES: PostStatus[] = ["draft", "submitted", "scheduled"];

export function useBlogLive(slug: string): BlogLive {
  const [blog, setBlog] = useState<Blog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<Timeline>(emptyTimeline);
  const [people, setPeople] = useState<Person[]>([]);
  const [connection, setConnection] = useState<"connected" | "reconnecting">("reconnecting");
  const [deletions, setDeletions] = useState<ReadonlyMap<string, Deletion>>(new Map());

  useEffect(() => {
    let stopped = false;
    setTimeline(emptyTimeline);
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
    const readPublished = () =>
      posts.list(slug, "published").then(
        (list) => !stopped && setTimeline((t) => list.reduce(applyPublic, t)),
        () => {},
      );
    const readDesk = () =>
      Promise.all(DESK_STATUSES.map((status) => posts.list(slug, status).catch(() => []))).then(
        (lists) => {
          if (stopped) return;
          const seen = new Set(lists.flat().map((p) => p.id));
          setTimeline((t) => {
            // Whatever left the desk while we were not listening is dropped.
            let next = t;
            for (const id of t.desk.keys()) if (!seen.has(id)) next = removeDesk(next, id);
            return lists.flat().reduce(applyDesk, next);
          });
        },
      );
    const stop = connectBlog(slug, true, {
      post: (post) => setTimeline((t) => applyPublic(t, post)),
      remove: (id) => setTimeline((t) => removeEverywhere(t, id)),
      blog: known,
      deskPost: (post) => setTimeline((t) => applyDesk(t, post)),
      deskRemove: ({ id, by, at }) => {
        setTimeline((t) => removeDesk(t, id));
        if (by && at) setDeletions((known) => new Map(known).set(id, { by, at }));
      },
      presence: setPeople,
      publicOpened: () => void Promise.all([readBlog(), readPublished(), readDesk()]),
      deskOpened: () => void readDesk(),
      connection: setConnection,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [slug]);

  return {
    blog,
    error,
    timeline,
    people,
    connection,
    deletions,
    apply: (post) =>
      setTimeline((t) => (post.status === "published" ? applyPublic(t, post) : applyDesk(t, post))),
    forget: (id) => setTimeline((t) => removeEverywhere(t, id)),
  };
}
