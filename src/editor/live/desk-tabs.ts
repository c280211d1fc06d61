// The desk tabs of one browser share one event stream (desk-line.ts). One tab leads: the
// browser's Web Locks give the lock to one tab at a time and to the next when it closes. The
// leader holds the stream for every blog any tab shows and relays each event to the others on
// a BroadcastChannel. Every tab says which blogs it shows (and the last public id it has of
// each) when that changes, every half minute, and when a new leader asks; a tab that closes
// says goodbye, one that vanished without a word is forgotten after five minutes.
//
// Nothing is missed when the leader closes: every tab has seen every event, so the next
// leader resumes each blog from the last id it saw itself; events it already had are dropped
// by id, as are the replayed ones in every tab. Where Web Locks or BroadcastChannel are
// missing (an old browser, a page not served over HTTPS or from localhost), each tab holds a
// stream of its own for its blogs: one connection per tab, still not two.

import { confirmSignedIn } from "../api/client";
import { DeskLine, type LineEvent } from "./desk-line";

export interface BlogFollower {
  event(name: string, data: unknown): void;
  /** The blog is on the stream, live: a list read now misses nothing. */
  opened(): void;
  /** The stream dropped; it comes back with `opened`. */
  down(): void;
}

type Message =
  | { t: "want"; tab: string; blogs: Record<string, number | null>; leading: boolean }
  /** The leader's answer to a `want`: the blogs open on the stream now. */
  | { t: "open"; blogs: string[] }
  | { t: "bye"; tab: string }
  | { t: "event"; event: LineEvent }
  | { t: "down"; failed: boolean }
  | { t: "leader"; tab: string };

const LOCK = "dispatch-desk-stream";
const ANNOUNCE_EVERY_MS = 30_000;
/** Timers in hidden tabs may run once a minute: long enough not to drop a sleeping tab. */
const FORGET_AFTER_MS = 5 * 60_000;

class DeskTabs {
  readonly #tab = Math.random().toString(36).slice(2);
  readonly #followers = new Map<string, Set<BlogFollower>>();
  /** The last public id seen of each blog, from whichever tab's stream. */
  readonly #last = new Map<string, number>();
  /** Blogs open on the shared stream now. */
  readonly #open = new Set<string>();
  /** What each other tab shows, and when it last said so. */
  readonly #others = new Map<string, { blogs: Record<string, number | null>; at: number }>();
  readonly #channel: BroadcastChannel | null;
  #line: DeskLine | null = null;
  #leader: string | null = null;
  #update: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const shared = typeof BroadcastChannel === "function" && Boolean(navigator.locks);
    this.#channel = shared ? new BroadcastChannel(LOCK) : null;
    if (!this.#channel) {
      this.#lead();
      return;
    }
    this.#channel.onmessage = (message: MessageEvent<Message>) => this.#receive(message.data);
    void navigator.locks.request(LOCK, () => new Promise<void>(() => this.#lead()));
    setInterval(() => this.#announce(), ANNOUNCE_EVERY_MS);
    addEventListener("pagehide", () => this.#post({ t: "bye", tab: this.#tab }));
    addEventListener("pageshow", (event) => {
      if (event.persisted) this.#announce();
    });
  }

  follow(slug: string, follower: BlogFollower): () => void {
    const set = this.#followers.get(slug) ?? new Set();
    this.#followers.set(slug, set);
    set.add(follower);
    // Already on the stream for another view of this blog: this one reads its lists now.
    if (this.#open.has(slug)) queueMicrotask(() => follower.opened());
    this.#announce();
    return () => {
      set.delete(follower);
      if (set.size === 0) this.#followers.delete(slug);
      this.#announce();
    };
  }

  /** This tab's blogs, to the leader (which may be this tab). */
  #announce(): void {
    const blogs: Record<string, number | null> = {};
    for (const slug of this.#followers.keys()) blogs[slug] = this.#last.get(slug) ?? null;
    this.#post({ t: "want", tab: this.#tab, blogs, leading: this.#line !== null });
    this.#wantsChanged();
  }

  #lead(): void {
    // The previous leader is gone (its lock went with it): it shows nothing any more.
    if (this.#leader) this.#others.delete(this.#leader);
    this.#leader = this.#tab;
    this.#line = new DeskLine((slug) => this.#position(slug), {
      event: (event) => {
        this.#post({ t: "event", event });
        this.#deliver(event);
      },
      down: (failed) => {
        this.#post({ t: "down", failed });
        this.#down(failed);
      },
    });
    this.#post({ t: "leader", tab: this.#tab });
    this.#wantsChanged();
  }

  #receive(message: Message): void {
    if (message.t === "event") this.#deliver(message.event);
    else if (message.t === "down") this.#down(message.failed);
    else if (message.t === "leader") {
      // The previous leader is gone (its lock went with it): it shows nothing any more.
      if (this.#leader && this.#leader !== message.tab) this.#others.delete(this.#leader);
      this.#leader = message.tab;
      this.#announce();
    } else if (message.t === "want") {
      this.#others.set(message.tab, { blogs: message.blogs, at: Date.now() });
      if (message.leading) this.#leader = message.tab;
      // A tab just opened learns what is live already: no `attached` will come for those.
      if (this.#line) this.#post({ t: "open", blogs: [...this.#open] });
      this.#wantsChanged();
    } else if (message.t === "open") {
      for (const slug of message.blogs) {
        if (this.#open.has(slug)) continue;
        this.#open.add(slug);
        for (const follower of this.#followers.get(slug) ?? []) follower.opened();
      }
    } else if (message.t === "bye") {
      this.#others.delete(message.tab);
      this.#wantsChanged();
    }
  }

  /** The leader's stream follows every blog shown anywhere (batched: tabs say so together). */
  #wantsChanged(): void {
    if (!this.#line) return;
    clearTimeout(this.#update);
    this.#update = setTimeout(() => {
      const now = Date.now();
      const wanted = new Set(this.#followers.keys());
      for (const [tab, other] of this.#others) {
        if (now - other.at > FORGET_AFTER_MS) this.#others.delete(tab);
        else for (const slug of Object.keys(other.blogs)) wanted.add(slug);
      }
      this.#line?.follow(wanted);
    }, 50);
  }

  /** Where the stream resumes a blog: what this tab saw, else the furthest-behind tab's id. */
  #position(slug: string): number | null {
    const seen = this.#last.get(slug);
    if (seen !== undefined) return seen;
    let lowest: number | null = null;
    for (const other of this.#others.values()) {
      const at = other.blogs[slug];
      if (typeof at === "number" && (lowest === null || at < lowest)) lowest = at;
    }
    return lowest;
  }

  #deliver(event: LineEvent): void {
    if (event.id !== null) {
      // A replay after a reconnect or a new leader repeats what this tab already has.
      if (event.id <= (this.#last.get(event.blog) ?? -1)) return;
      this.#last.set(event.blog, event.id);
    }
    const followers = [...(this.#followers.get(event.blog) ?? [])];
    if (event.name === "attached") {
      this.#open.add(event.blog);
      for (const follower of followers) follower.opened();
    } else if (event.name !== "unknown") {
      for (const follower of followers) follower.event(event.name, event.data);
    }
  }

  #down(failed: boolean): void {
    // The stream also ends when the session does: each tab asks, and shows sign-in if so.
    if (failed) void confirmSignedIn();
    this.#open.clear();
    for (const set of this.#followers.values()) for (const follower of set) follower.down();
  }

  #post(message: Message): void {
    this.#channel?.postMessage(message);
  }
}

let tabs: DeskTabs | null = null;

/** Follows one blog on the stream this browser's desk tabs share. */
export function followOnDesk(slug: string, follower: BlogFollower): () => void {
  tabs ??= new DeskTabs();
  return tabs.follow(slug, follower);
}
