// One blog's live channel: turns the changes the broadcaster hands us (which may come late,
// twice, out of order or not at all) into a strictly increasing, gap-free sequence, and
// writes each event once-encoded to every reader of the blog.

import type { Change } from "../core/change.js";
import type { Store } from "../core/ports.js";
import type { Histogram } from "../metrics/exposition.js";
import { formatEvent } from "./sse.js";
import type { Subscriber } from "./subscriber.js";

/**
 * Changes a channel may hold while it waits for the log. Past this the log is not answering;
 * the channel gives up and its readers resume from the log once it is back.
 */
const MAX_PENDING = 10_000;

/** Readers written to before the event loop gets a turn (about 10 ms of sends on a small VM). */
const WRITE_SLICE = 1000;

/**
 * Latest events kept in memory for readers who come back: when a node dies, its readers all
 * reconnect to the others at once, nearly all of them missing nothing or a few events. They
 * are answered from here, already encoded, instead of each reading the change log.
 */
const RECENT_EVENTS = 256;

/**
 * Before a round to more readers than one slice, wait this long after the latest event for
 * another (a burst of posts, each a request of its own, arrives a few ms apart)…
 */
const LINGER_MS = 3;
/** …but no longer than this after the first: a round to 10,000 readers takes ~100 ms. */
const MAX_LINGER_MS = 25;

export type ChangeLog = Pick<Store, "listChanges" | "lastSeq">;
export type EncodeChange = (change: Change) => { event: string; data: string };

/**
 * The whole event as the bytes that go on the wire, or null if the change cannot be
 * presented: such a change is reported and skipped, because holding it back would stall
 * every later event, and failing the stream would fail again on every reconnect.
 */
export function encodeFrame(
  change: Change,
  encode: EncodeChange,
  onError: (error: unknown) => void,
): Buffer | null {
  try {
    const { event, data } = encode(change);
    return Buffer.from(formatEvent(change.seq, event, data), "utf8");
  } catch (error) {
    onError(error);
    return null;
  }
}

export interface OutgoingEvent {
  seq: number;
  frame: Buffer;
  /** When the change was committed (ms since the epoch), for the event lag; NaN if unknown. */
  committedAt?: number;
}

/** A delivered event kept for replays, with what it is about (see changeSubject). */
interface RecentEvent extends OutgoingEvent {
  subject: string;
}

/**
 * What a change is about: a later change about the same post (or the blog) supersedes it,
 * as in the change log, so a replay never carries words since corrected or retracted.
 */
export function changeSubject(change: Change): string {
  switch (change.kind) {
    case "post":
      return `post:${change.post.id}`;
    case "delete":
      return `post:${change.postId}`;
    case "blog":
      return "blog";
    case "figures":
      return "figures";
    case "poll":
      return `poll:${change.pollId}`;
    case "comment":
      return `comment:${change.comment.id}`;
    case "comment-removal":
      return `comment:${change.commentId}`;
  }
}

export interface ChannelOptions {
  blogId: string;
  changes: ChangeLog;
  encode: EncodeChange;
  pageSize: number;
  onError: (error: unknown) => void;
  /** Where the time from commit to a live event's write round ending goes (seconds). */
  eventLag?: Histogram;
  /** The channel cannot go on (its change log failed): the hub should drop it. */
  onFailed: (channel: BlogChannel) => void;
}

export class BlogChannel {
  readonly blogId: string;
  readonly subscribers = new Set<Subscriber>();
  /** Settles once the channel knows where the log stands; false if it could not find out. */
  readonly ready: Promise<boolean>;
  readonly #options: ChannelOptions;
  #isReady = false;
  /** The highest sequence delivered to the readers. */
  #delivered = 0;
  /** Changes that cannot be delivered yet, by sequence: early arrivals and catch-up reads. */
  readonly #pending = new Map<number, Change>();
  #catchingUp = false;
  /** Delivered but not yet written: they go out together in the next write round. */
  #outgoing: OutgoingEvent[] = [];
  /** A write round is scheduled or under way. */
  #writing = false;
  /** Waiting for more events before a round to many readers starts; see LINGER_MS. */
  #linger: ReturnType<typeof setTimeout> | null = null;
  /** When the current wait began (performance.now()). */
  #lingerSince = 0;
  /**
   * The latest delivered events, oldest first, each the latest about its subject (an event
   * superseded by a later one leaves); see RECENT_EVENTS.
   */
  #recent: RecentEvent[] = [];
  /**
   * Every change after this sequence and up to `delivered` is in `#recent`, or superseded by
   * one that is.
   */
  #recentFloor = 0;
  /** Counts arrivals, so a catch-up can tell whether anything came in during a log read. */
  #arrivals = 0;
  #closed = false;

  constructor(options: ChannelOptions) {
    this.blogId = options.blogId;
    this.#options = options;
    this.ready = this.#start();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The highest sequence delivered so far; meaningful once `ready` has settled. */
  get delivered(): number {
    return this.#delivered;
  }

  /**
   * The delivered events after `seq`, from memory, or null when they may go back further than
   * memory does: the caller then reads the log. Meaningful once `ready` has settled.
   */
  recentAfter(seq: number): readonly OutgoingEvent[] | null {
    if (!this.#isReady || seq < this.#recentFloor) return null;
    let from = this.#recent.length;
    while (from > 0 && this.#recent[from - 1]!.seq > seq) from--;
    return this.#recent.slice(from);
  }

  receive(change: Change): void {
    if (this.#closed) return;
    this.#arrivals++;
    if (this.#isReady && change.seq <= this.#delivered) return;
    if (!this.#pending.has(change.seq)) this.#pending.set(change.seq, change);
    if (this.#pending.size > MAX_PENDING) {
      this.#fail(new Error(`Live events for blog ${this.blogId}: the change log is not answering`));
      return;
    }
    this.#drain();
  }

  /**
   * Reads the log for anything newer than what was delivered. A broadcast lost after the last
   * change (a Redis restart, a network blip) leaves no later change to reveal the gap; this
   * finds it anyway.
   */
  resync(): void {
    if (!this.#isReady || this.#closed || this.#catchingUp) return;
    this.#options.changes.listChanges(this.blogId, this.#delivered, this.#options.pageSize).then(
      (page) => {
        for (const change of page) this.receive(change);
      },
      (error: unknown) => this.#fail(error),
    );
  }

  /** Stops all work; later arrivals and in-flight log reads are ignored. */
  close(): void {
    this.#closed = true;
    if (this.#linger) clearTimeout(this.#linger);
    this.#linger = null;
    this.#pending.clear();
    this.#outgoing = [];
    this.#recent = [];
  }

  async #start(): Promise<boolean> {
    try {
      const lastSeq = await this.#options.changes.lastSeq(this.blogId);
      if (this.#closed) return false;
      // Readers attached before this point start here; anything older is theirs via replay.
      this.#delivered = lastSeq;
      this.#recentFloor = lastSeq;
      this.#isReady = true;
      for (const seq of this.#pending.keys()) if (seq <= lastSeq) this.#pending.delete(seq);
      this.#drain();
      return true;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }

  #drain(): void {
    if (!this.#isReady || this.#closed) return;
    this.#deliverContiguous();
    // Something after a hole: the missing changes are in the log (publish follows commit).
    if (this.#pending.size > 0 && !this.#catchingUp) void this.#catchUp();
  }

  async #catchUp(): Promise<void> {
    this.#catchingUp = true;
    try {
      while (this.#pending.size > 0) {
        const arrivalsBefore = this.#arrivals;
        // Held before the read began, so committed before it (broadcast follows commit).
        const heldBefore = [...this.#pending.keys()];
        const page = await this.#options.changes.listChanges(
          this.blogId,
          this.#delivered,
          this.#options.pageSize,
        );
        if (this.#closed) return;
        let readThrough = this.#delivered;
        const read = new Set<number>();
        for (const change of page) {
          if (change.seq > this.#delivered) this.#pending.set(change.seq, change);
          readThrough = Math.max(readThrough, change.seq);
          read.add(change.seq);
        }
        // A committed change the read passed over was superseded (a later change about the same
        // post replaced it in the log): its words may have been retracted, so it never goes out.
        for (const seq of heldBefore)
          if (seq <= readThrough && !read.has(seq)) this.#pending.delete(seq);
        // The log decides which sequence numbers exist: a number it skipped is no gap.
        this.#deliverThrough(readThrough);
        this.#deliverContiguous();
        const logExhausted = page.length < this.#options.pageSize;
        if (this.#pending.size > 0 && logExhausted && this.#arrivals === arrivalsBefore) {
          // The log had read everything yet still lacks changes that were published before
          // the read began. Holding them back would stall the blog for good; deliver them.
          this.#deliverThrough(Number.POSITIVE_INFINITY);
        }
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#catchingUp = false;
    }
  }

  #deliverContiguous(): void {
    for (;;) {
      const next = this.#pending.get(this.#delivered + 1);
      if (!next) return;
      this.#pending.delete(next.seq);
      this.#deliver(next);
    }
  }

  #deliverThrough(seq: number): void {
    const due = [...this.#pending.keys()].filter((s) => s <= seq).sort((a, b) => a - b);
    for (const s of due) {
      const change = this.#pending.get(s);
      this.#pending.delete(s);
      if (change && s > this.#delivered) this.#deliver(change);
    }
  }

  #deliver(change: Change): void {
    this.#delivered = change.seq;
    // Encoded once; the same bytes go to every reader of the blog.
    const frame = encodeFrame(change, this.#options.encode, this.#options.onError);
    if (!frame) return;
    const event = { seq: change.seq, frame, committedAt: Date.parse(change.at) };
    const subject = changeSubject(change);
    const superseded = this.#recent.findIndex((recent) => recent.subject === subject);
    if (superseded !== -1) this.#recent.splice(superseded, 1);
    this.#recent.push({ ...event, subject });
    if (this.#recent.length > RECENT_EVENTS) this.#recentFloor = this.#recent.shift()!.seq;
    this.#outgoing.push(event);
    // A round under way takes this event in its next round.
    if (this.#writing) return;
    if (this.subscribers.size <= WRITE_SLICE) {
      // Readers left while a round waited for more events: the round starts now instead.
      if (this.#linger) clearTimeout(this.#linger);
      this.#linger = null;
      this.#writing = true;
      setImmediate(() => this.#writeRound());
      return;
    }
    // A round to many readers costs a system call per reader: events published together (a
    // burst) should share it. Wait a moment after each event for the next, within a bound.
    const now = performance.now();
    if (this.#linger) clearTimeout(this.#linger);
    else this.#lingerSince = now;
    const wait = Math.max(0, Math.min(LINGER_MS, this.#lingerSince + MAX_LINGER_MS - now));
    this.#linger = setTimeout(() => {
      this.#linger = null;
      if (this.#writing) return;
      this.#writing = true;
      this.#writeRound();
    }, wait);
  }

  /**
   * Writes the events delivered so far to every reader, a slice of readers at a time. Writing
   * to a socket costs a system call whatever its size, so each reader gets all the round's
   * events in one write (the same bytes for everyone who is live). Between slices the event
   * loop runs, so the server keeps taking requests while one event goes out to thousands of
   * readers, and events that arrive meanwhile (a burst) go out together in the next round
   * instead of one full pass each.
   */
  #writeRound(): void {
    const events = this.#outgoing;
    this.#outgoing = [];
    if (this.#closed || events.length === 0) {
      this.#writing = false;
      return;
    }
    const together =
      events.length === 1 ? events[0]!.frame : Buffer.concat(events.map((e) => e.frame));
    const readers = [...this.subscribers];
    let next = 0;
    const slice = () => {
      if (this.#closed) {
        this.#writing = false;
        return;
      }
      const end = Math.min(next + WRITE_SLICE, readers.length);
      for (; next < end; next++) readers[next]!.offerAll(events, together);
      if (next < readers.length) {
        setImmediate(slice);
        return;
      }
      if (readers.length > 0) this.#observeLag(events);
      if (this.#outgoing.length > 0) setImmediate(() => this.#writeRound());
      else this.#writing = false;
    };
    slice();
  }

  /** Every event of a round was written to every reader at once: one lag each. */
  #observeLag(events: readonly OutgoingEvent[]): void {
    const lag = this.#options.eventLag;
    if (!lag) return;
    const now = Date.now();
    for (const event of events) {
      const committedAt = event.committedAt ?? Number.NaN;
      if (Number.isFinite(committedAt)) lag.observe(Math.max(0, now - committedAt) / 1000);
    }
  }

  #fail(error: unknown): void {
    if (this.#closed) return;
    this.#options.onError(error);
    this.close();
    this.#options.onFailed(this);
  }
}
