// The two live streams of one blog, on the browser's EventSource: the public events (post,
// delete, blog; the browser resumes with Last-Event-ID by itself) and the newsroom's desk
// (desk-post, desk-delete, presence; not replayed, so a reconnect means re-reading the lists).
// A public stream too far behind gets `reset` instead of a replay: the lists are read afresh.
// A stream the server closed for good is reopened after a pause, from the last id seen.

import { confirmSignedIn, enc } from "../api/client";
import type { Blog, DeskRemoval, Person, Post } from "../api/types";

export interface BlogStreamHandlers {
  post(post: Post): void;
  remove(id: string): void;
  blog(blog: Blog): void;
  deskPost(post: Post): void;
  deskRemove(removed: DeskRemoval): void;
  presence(people: Person[]): void;
  /** The public stream is attached: a list read now misses nothing. */
  publicOpened(): void;
  /**
   * The public stream was too far behind to be told what it missed (`reset`); it goes on
   * live from here, and the lists must be read afresh.
   */
  publicReset(): void;
  /** The desk stream (re)connected: lists shown from it may have missed changes. */
  deskOpened(): void;
  connection(state: "connected" | "reconnecting"): void;
}

type Listeners = Record<string, (data: unknown) => void>;

function stream(
  url: (lastId: string) => string,
  listeners: Listeners,
  hooks: {
    open(): void;
    error(): void;
  },
): () => void {
  let source: EventSource | null = null;
  let lastId = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const connect = () => {
    source = new EventSource(url(lastId));
    source.onopen = hooks.open;
    source.onerror = () => {
      hooks.error();
      if (source?.readyState === EventSource.CLOSED && !stopped) {
        timer = setTimeout(connect, 3000);
      }
    };
    for (const [name, handle] of Object.entries(listeners)) {
      source.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) lastId = message.lastEventId;
        try {
          handle(JSON.parse(message.data));
        } catch {
          // A malformed event is skipped; the next list read puts things right.
        }
      });
    }
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

export function connectBlog(slug: string, desk: boolean, on: BlogStreamHandlers): () => void {
  const base = `/api/blogs/${enc(slug)}`;
  const open = { public: false, desk: !desk };
  const report = () => on.connection(open.public && open.desk ? "connected" : "reconnecting");
  const stops = [
    stream(
      (lastId) => `${base}/events${lastId ? `?lastEventId=${enc(lastId)}` : ""}`,
      {
        post: (data) => on.post(data as Post),
        delete: (data) => on.remove((data as { id: string }).id),
        blog: (data) => on.blog(data as Blog),
        reset: () => on.publicReset(),
      },
      {
        open: () => {
          open.public = true;
          report();
          on.publicOpened();
        },
        error: () => {
          open.public = false;
          report();
        },
      },
    ),
  ];
  if (desk) {
    stops.push(
      stream(
        () => `${base}/desk`,
        {
          "desk-post": (data) => on.deskPost(data as Post),
          "desk-delete": (data) => on.deskRemove(data as DeskRemoval),
          presence: (data) => on.presence((data as { people: Person[] }).people ?? []),
        },
        {
          open: () => {
            open.desk = true;
            report();
            on.deskOpened();
          },
          error: () => {
            open.desk = false;
            report();
            // The desk stream also ends when the session does: if so, sign-in is shown.
            void confirmSignedIn();
          },
        },
      ),
    );
  }
  return () => {
    for (const stop of stops) stop();
  };
}
