// The desk's numbers as this node counts them (core/numbers.ts): a permalink opened, a share
// control used, an embed loaded, each an increment in memory on the reader's request, never a
// database write; every few seconds the counts go to the database in one transaction of
// upserts that add to other nodes' counts. Once a minute the node samples its live readers per
// blog under its own node id, so the desk can sum the nodes. Memory is bounded: host pages past
// a cap per blog and flush are counted together as "other pages". Old rows are pruned hourly.

import { randomUUID } from "node:crypto";
import {
  type EmbedTally,
  hourOf,
  minuteOf,
  NUMBERS_MAX_HOURS,
  type NumbersBatch,
  OTHER_HOSTS,
  type PostTally,
  type ReadersSample,
} from "../core/numbers.js";
import type { NumbersStore } from "../core/ports.js";

export interface NumbersCounterOptions {
  store: NumbersStore;
  /** This node's live readers per blog (the hub's own streams, not other nodes'). */
  readerCounts: () => Map<string, number>;
  /** How often counts are written (default 5 s). */
  flushMs?: number;
  /** How often live readers are sampled (default once a minute). */
  sampleMs?: number;
  /** Host pages kept apart per blog between two flushes (default 200). */
  maxHostsPerBlog?: number;
  onError?: (error: unknown) => void;
  now?: () => number;
}

/** Kept an hour past the longest window the desk may ask for, so that window is whole. */
const KEEP_MS = (NUMBERS_MAX_HOURS + 1) * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export class NumbersCounter {
  /** This process's name in the readers table: nodes' samples of a minute add up. */
  readonly node = randomUUID();
  readonly #options: NumbersCounterOptions;
  readonly #now: () => number;
  #posts = new Map<string, PostTally>();
  #embeds = new Map<string, EmbedTally>();
  /** Distinct host pages per blog held since the last flush. */
  #hostsPerBlog = new Map<string, number>();
  #readers = new Map<string, ReadersSample>();
  #timers: NodeJS.Timeout[] = [];
  #flushing: Promise<void> | null = null;
  #prunedAt = 0;

  constructor(options: NumbersCounterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(this.#options.sampleMs ?? 60_000, () => this.sampleReaders());
    every(this.#options.flushMs ?? 5_000, () => void this.flush());
  }

  /** A post's permalink page was served (a 200 or a 304). */
  countOpen(blogId: string, postId: string): void {
    this.#post(blogId, postId).opens += 1;
  }

  /** A reader used one of a post's share controls. */
  countShare(blogId: string, postId: string): void {
    this.#post(blogId, postId).shares += 1;
  }

  /** The blog's embed was loaded from a host page (a name from core's hostPageOf). */
  countEmbed(blogId: string, host: string): void {
    const hour = hourOf(this.#now());
    let key = `${hour}|${blogId}|${host}`;
    let tally = this.#embeds.get(key);
    if (!tally) {
      const held = this.#hostsPerBlog.get(blogId) ?? 0;
      if (held >= (this.#options.maxHostsPerBlog ?? 200)) {
        key = `${hour}|${blogId}|${OTHER_HOSTS}`;
        tally = this.#embeds.get(key);
      }
      if (!tally) {
        const kept = key.endsWith(`|${OTHER_HOSTS}`) ? OTHER_HOSTS : host;
        tally = { blogId, host: kept, hour, loads: 0 };
        this.#embeds.set(key, tally);
        this.#hostsPerBlog.set(blogId, held + 1);
      }
    }
    tally.loads += 1;
  }

  /** Takes this node's live readers per blog for the current minute. */
  sampleReaders(): void {
    const minute = minuteOf(this.#now());
    for (const [blogId, readers] of this.#options.readerCounts()) {
      this.#readers.set(`${blogId}|${minute}`, { blogId, minute, node: this.node, readers });
    }
  }

  /** Writes what was counted since the last flush; what fails to be written is kept for the next. */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    const batch: NumbersBatch = {
      readers: [...this.#readers.values()],
      posts: [...this.#posts.values()],
      embeds: [...this.#embeds.values()],
    };
    this.#readers = new Map();
    this.#posts = new Map();
    this.#embeds = new Map();
    this.#hostsPerBlog = new Map();
    const empty = batch.readers.length + batch.posts.length + batch.embeds.length === 0;
    const write = async () => {
      if (!empty) {
        try {
          await this.#options.store.addNumbers(batch);
        } catch (error) {
          this.#keep(batch);
          throw error;
        }
      }
      const now = this.#now();
      if (now - this.#prunedAt >= PRUNE_EVERY_MS) {
        this.#prunedAt = now;
        await this.#options.store.pruneNumbers(new Date(now - KEEP_MS).toISOString());
      }
    };
    this.#flushing = write()
      .catch((error: unknown) => this.#options.onError?.(error))
      .finally(() => {
        this.#flushing = null;
      });
    return this.#flushing;
  }

  /** Stops counting and writes what is left. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#flushing;
    await this.flush();
  }

  #post(blogId: string, postId: string): PostTally {
    const hour = hourOf(this.#now());
    const key = `${hour}|${blogId}|${postId}`;
    let tally = this.#posts.get(key);
    if (!tally) {
      tally = { blogId, postId, hour, opens: 0, shares: 0 };
      this.#posts.set(key, tally);
    }
    return tally;
  }

  /** Puts an unwritten batch back, adding to what was counted meanwhile. */
  #keep(batch: NumbersBatch): void {
    for (const sample of batch.readers) {
      const key = `${sample.blogId}|${sample.minute}`;
      if (!this.#readers.has(key)) this.#readers.set(key, sample);
    }
    for (const p of batch.posts) {
      const kept = this.#postAt(p);
      kept.opens += p.opens;
      kept.shares += p.shares;
    }
    for (const e of batch.embeds) {
      const key = `${e.hour}|${e.blogId}|${e.host}`;
      const kept = this.#embeds.get(key);
      if (kept) kept.loads += e.loads;
      else {
        this.#embeds.set(key, { ...e });
        this.#hostsPerBlog.set(e.blogId, (this.#hostsPerBlog.get(e.blogId) ?? 0) + 1);
      }
    }
  }

  #postAt(p: PostTally): PostTally {
    const key = `${p.hour}|${p.blogId}|${p.postId}`;
    let tally = this.#posts.get(key);
    if (!tally) {
      tally = { blogId: p.blogId, postId: p.postId, hour: p.hour, opens: 0, shares: 0 };
      this.#posts.set(key, tally);
    }
    return tally;
  }
}
