// The follower: the background part of `dispatch serve` that holds one event stream open per
// followed blog and applies what it carries (core/operations/syndicate.ts). Every second it
// reads the follows: a new one is taken up, a changed or ended one is let go (its stream
// closes within about a second). With many nodes or workers, a follow's stream is held by one
// process at a time: the lease on its row, renewed while held, passes to another node when it
// lapses. The stream resumes with Last-Event-ID = the last event applied, read from the
// database, across this process's restarts and the source's.

import { hostname } from "node:os";
import type { SyndicationContext } from "../core/operations/syndicate.js";
import { applySourceEvent, resyncFromSource } from "../core/operations/syndicate.js";
import type { Newsroom } from "../core/ports.js";
import { type BlogFollow, parseSourceAddress } from "../core/syndication.js";
import { FetchProblem, type GuardedFetcher } from "../outbound/guarded-fetch.js";
import { readSourcePosts, sourceApi } from "./source.js";
import { type SseEvent, SseParser } from "./sse-parser.js";

export interface FollowerOptions {
  newsroom: Newsroom;
  fetcher: GuardedFetcher;
  context: SyndicationContext;
  onError?: (error: unknown, follow: BlogFollow) => void;
  tickMs?: number;
  leaseMs?: number;
  /** Longer than the source's 20 s heartbeat. */
  idleTimeoutMs?: number;
  maxEventBytes?: number;
  maxBackoffMs?: number;
}

interface Running {
  follow: BlogFollow;
  abort: AbortController;
  done: Promise<void>;
  leaseUntil: number;
}

export class Follower {
  readonly #options: FollowerOptions;
  readonly #owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
  readonly #running = new Map<string, Running>();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #closed = false;

  constructor(options: FollowerOptions) {
    this.#options = options;
  }

  start(): void {
    const every = this.#options.tickMs ?? 1000;
    this.#timer = setInterval(() => void this.#tick(), every);
    this.#timer.unref();
    void this.#tick();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.all([...this.#running.keys()].map((blogId) => this.#stop(blogId)));
  }

  async #tick(): Promise<void> {
    if (this.#ticking || this.#closed) return;
    this.#ticking = true;
    try {
      const { store } = this.#options.newsroom;
      const follows = new Map((await store.listFollows()).map((f) => [f.blogId, f]));
      for (const [blogId, running] of this.#running) {
        const now = follows.get(blogId);
        if (!now || !sameFollow(now, running.follow)) await this.#stop(blogId);
      }
      const leaseMs = this.#options.leaseMs ?? 10_000;
      for (const follow of follows.values()) {
        if (this.#closed) break;
        const running = this.#running.get(follow.blogId);
        const nowMs = Date.now();
        // Renewed when half the lease is left; taken when free or lapsed.
        if (running && running.leaseUntil - nowMs > leaseMs / 2) continue;
        const until = nowMs + leaseMs;
        const held = await store.takeFollowLease(
          follow.blogId,
          this.#owner,
          new Date(nowMs).toISOString(),
          new Date(until).toISOString(),
        );
        if (running && !held) await this.#stop(follow.blogId, false);
        else if (running) running.leaseUntil = until;
        else if (held) this.#begin(follow, until);
      }
    } catch {
      // The database is away: the next tick tries again; held streams run on their lease.
    } finally {
      this.#ticking = false;
    }
  }

  #begin(follow: BlogFollow, leaseUntil: number): void {
    const abort = new AbortController();
    const running: Running = { follow, abort, leaseUntil, done: Promise.resolve() };
    running.done = this.#run(follow, abort.signal).catch((error) =>
      this.#options.onError?.(error, follow),
    );
    this.#running.set(follow.blogId, running);
  }

  async #stop(blogId: string, release = true): Promise<void> {
    const running = this.#running.get(blogId);
    if (!running) return;
    this.#running.delete(blogId);
    running.abort.abort();
    await running.done;
    if (release) {
      await this.#options.newsroom.store.releaseFollowLease(blogId, this.#owner).catch(() => {});
    }
  }

  /** Connects, applies, reconnects with backoff, until stopped. */
  async #run(follow: BlogFollow, signal: AbortSignal): Promise<void> {
    const { newsroom } = this.#options;
    const source = parseSourceAddress(follow.sourceUrl);
    let failures = 0;
    let retryMs = 1000;
    while (!signal.aborted) {
      let connected = false;
      try {
        const current = await newsroom.store.findFollow(follow.blogId);
        if (!current || !sameFollow(current, follow)) return;
        follow.sourceTitle = current.sourceTitle;
        const stream = await this.#options.fetcher.stream(sourceApi(source, "/events"), {
          accept: "text/event-stream",
          headers: { "last-event-id": String(current.lastEventId ?? 0) },
          idleTimeoutMs: this.#options.idleTimeoutMs ?? 45_000,
          signal,
        });
        try {
          if (stream.status !== 200) {
            throw new FetchProblem("failed", `${source.url} answered ${stream.status}`);
          }
          connected = true;
          failures = 0;
          await this.#status(follow, { connectedAt: new Date().toISOString(), error: null });
          const queue: SseEvent[] = [];
          const parser = new SseParser((event) => queue.push(event), {
            maxEventBytes: this.#options.maxEventBytes ?? 2 * 1024 * 1024,
          });
          for await (const chunk of stream.chunks) {
            parser.push(chunk);
            while (queue.length > 0 && !signal.aborted) {
              await this.#handle(follow, source, queue.shift() as SseEvent, signal);
            }
            if (signal.aborted) break;
          }
          retryMs = parser.retryMs ?? retryMs;
        } finally {
          stream.close();
        }
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        await this.#status(follow, { error: { message, at: new Date().toISOString() } });
        if (!(error instanceof FetchProblem)) this.#options.onError?.(error, follow);
      }
      if (connected) await this.#status(follow, { connectedAt: null });
      if (signal.aborted) break;
      await pause(this.#backoff(failures, retryMs), signal);
    }
  }

  /** A clean end waits the source's retry hint; failures back off exponentially, with jitter. */
  #backoff(failures: number, retryMs: number): number {
    const max = this.#options.maxBackoffMs ?? 15_000;
    const base = failures === 0 ? retryMs : Math.min(max, 500 * 2 ** Math.min(failures, 10));
    return Math.min(max, base / 2 + Math.random() * (base / 2));
  }

  async #handle(
    follow: BlogFollow,
    source: ReturnType<typeof parseSourceAddress>,
    event: SseEvent,
    signal: AbortSignal,
  ): Promise<void> {
    const { newsroom, context } = this.#options;
    const seq = Number(event.id);
    if (!Number.isSafeInteger(seq) || seq < 0) return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      data = undefined;
    }
    switch (event.event) {
      case "post":
      case "delete":
      case "blog":
        await applySourceEvent(newsroom, follow, { seq, kind: event.event, data }, context);
        return;
      case "reset": {
        // Too far behind for a replay: read the source's posts afresh, go on from `last`.
        const last = (data as { last?: unknown } | undefined)?.last;
        const from = typeof last === "number" && Number.isSafeInteger(last) ? last : seq;
        const stopped = () => signal.aborted;
        const posts = await readSourcePosts(this.#options.fetcher, source, stopped);
        await resyncFromSource(newsroom, follow, posts, from, { ...context, stopped });
        return;
      }
    }
  }

  #status(follow: BlogFollow, status: Parameters<Newsroom["store"]["recordFollowStatus"]>[2]) {
    return this.#options.newsroom.store
      .recordFollowStatus(follow.blogId, follow.sourceUrl, status)
      .catch(() => {});
  }
}

function sameFollow(a: BlogFollow, b: BlogFollow): boolean {
  return (
    a.sourceUrl === b.sourceUrl &&
    a.keyEventsOnly === b.keyEventsOnly &&
    a.createdAt === b.createdAt
  );
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
