// The live hub: every open `/events` stream of this process. It opens streams, replays what a
// reconnecting reader missed, routes broadcast changes to per-blog channels, keeps idle
// connections alive with one shared heartbeat, and ends everything on shutdown.

import { REPLAY_LIMIT, type ReplayReset } from "../core/change.js";
import type { Broadcaster } from "../core/ports.js";
import { LiveStats } from "../metrics/live-stats.js";
import { BlogChannel, type ChangeLog, type EncodeChange, encodeFrame } from "./channel.js";
import { formatEvent, formatRetry, HEARTBEAT, type PendingStream } from "./sse.js";
import { Subscriber } from "./subscriber.js";

export interface LiveHubOptions {
  changes: ChangeLog;
  broadcaster: Broadcaster;
  /** The event name and single-line JSON of a change: the HTTP presenter. */
  encode: EncodeChange;
  /** The contract promises a heartbeat at least every 20 s. */
  heartbeatMs?: number;
  retryMs?: number;
  /** Bytes queued for one reader before it counts as stalled and is cut off. */
  maxBufferedBytes?: number;
  /** Changes read from the log per query, for replays and catch-ups. */
  pageSize?: number;
  /**
   * A reader further behind than this many changes, and beyond what memory keeps, gets a
   * `reset` event instead of a replay (default REPLAY_LIMIT).
   */
  replayLimit?: number;
  /**
   * How long a blog's channel outlives its last reader (default 30 s). Readers who all drop
   * at once (a network blip, a proxy restart) and come straight back find what they missed
   * still in memory.
   */
  channelLingerMs?: number;
  /** Told about failures that no caller can handle: a log read, a change that will not encode. */
  onError?: (error: unknown) => void;
}

const HEARTBEAT_FRAME = Buffer.from(HEARTBEAT, "utf8");

/**
 * Connections the kernel may hold for a server before it accepts them (Node's default is 511;
 * the system's own cap, net.core.somaxconn, still applies). When a node dies, its readers all
 * reconnect to the others within a second: thousands of connections arriving at once, which
 * a short queue would drop to retry a second later, or reset.
 */
export const LISTEN_BACKLOG = 4096;

export class LiveHub {
  /** Counts for /metrics; the hub only adds to them. */
  readonly stats = new LiveStats();
  readonly #changes: ChangeLog;
  readonly #encode: EncodeChange;
  readonly #heartbeatMs: number;
  readonly #maxBufferedBytes: number;
  readonly #pageSize: number;
  readonly #replayLimit: number;
  readonly #channelLingerMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #retryFrame: Buffer;
  readonly #channels = new Map<string, BlogChannel>();
  /** Channels left without readers, and the timers that will drop them. */
  readonly #idle = new Map<BlogChannel, ReturnType<typeof setTimeout>>();
  readonly #unsubscribe: () => void;
  #readers = 0;
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(options: LiveHubOptions) {
    this.#changes = options.changes;
    this.#encode = options.encode;
    this.#heartbeatMs = positive("heartbeatMs", options.heartbeatMs ?? 15_000);
    this.#maxBufferedBytes = positive("maxBufferedBytes", options.maxBufferedBytes ?? 512 * 1024);
    this.#pageSize = positive("pageSize", options.pageSize ?? 200);
    this.#replayLimit = positive("replayLimit", options.replayLimit ?? REPLAY_LIMIT);
    this.#channelLingerMs = positive("channelLingerMs", options.channelLingerMs ?? 30_000);
    this.#onError =
      options.onError ?? ((error) => console.error("Live events: something failed:", error));
    this.#retryFrame = Buffer.from(formatRetry(positive("retryMs", options.retryMs ?? 3000)));
    // One subscription for the whole process; channels exist only for blogs with readers.
    this.#unsubscribe = options.broadcaster.subscribe((change) => {
      this.stats.changesReceived++;
      this.#channels.get(change.blogId)?.receive(change);
    });
  }

  /**
   * Streams a blog's live events to the reader, after replaying everything after
   * `lastEventId` when it is given. Nothing must have been written to the reader yet.
   * Resolves once the reader is live or gone; never rejects for stream failures: they end
   * the stream, the reader's EventSource reconnects, and they go to `onError`.
   */
  async attach(blogId: string, reader: PendingStream, lastEventId: number | null): Promise<void> {
    // The reader left before we got here: there will be no close event to clean up after us.
    if (reader.destroyed) return;
    // The headers and retry hint leave straight away, not with the first event.
    const sink = reader.open(this.#retryFrame);
    if (this.#closed) {
      // Shutting down: a cleanly ended stream makes EventSource reconnect (to another node,
      // or to us once restarted), where an error status would make it give up.
      sink.end();
      return;
    }
    const channel = this.#channelFor(blogId);
    const subscriber = new Subscriber(sink, {
      maxBufferedBytes: this.#maxBufferedBytes,
      resuming: lastEventId !== null,
      onClose: (left) => this.#leave(channel, left),
    });
    // Joined before any replay read starts, so nothing published from now on can fall
    // between the replay and the live stream; the subscriber holds it until the replay ends.
    channel.subscribers.add(subscriber);
    this.#readers++;
    this.#startHeartbeat();
    try {
      if (!(await channel.ready)) {
        subscriber.end();
        return;
      }
      if (lastEventId === null || subscriber.closed) return;
      const after = await this.#resumePoint(channel, lastEventId);
      if (subscriber.closed) return;
      subscriber.resumeAfter(after);
      if (this.#tooFarBehind(channel, after)) {
        this.stats.resets++;
        await this.#reset(channel, subscriber);
      } else {
        this.stats.replays++;
        await this.#replay(channel, subscriber, after);
      }
      subscriber.goLive();
    } catch (error) {
      this.#onError(error);
      subscriber.end();
    }
  }

  readerCount(blogId: string): number {
    return this.#channels.get(blogId)?.subscribers.size ?? 0;
  }

  totalReaders(): number {
    return this.#readers;
  }

  /** Open streams per blog on this node. */
  readerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [blogId, channel] of this.#channels) {
      if (channel.subscribers.size > 0) counts.set(blogId, channel.subscribers.size);
    }
    return counts;
  }

  /** Checks every open blog against the change log, delivering anything a broadcast lost. */
  resync(): void {
    for (const channel of this.#channels.values()) channel.resync();
  }

  /** Ends every stream and stops listening. The broadcaster itself is the caller's to close. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    this.#stopHeartbeat();
    for (const drop of this.#idle.values()) clearTimeout(drop);
    this.#idle.clear();
    const channels = [...this.#channels.values()];
    this.#channels.clear();
    for (const channel of channels) {
      channel.close();
      for (const subscriber of [...channel.subscribers]) subscriber.end();
    }
  }

  #channelFor(blogId: string): BlogChannel {
    const existing = this.#channels.get(blogId);
    if (existing) {
      const drop = this.#idle.get(existing);
      if (drop) {
        // Back from idle: without readers nothing re-checked the log for lost broadcasts.
        clearTimeout(drop);
        this.#idle.delete(existing);
        existing.resync();
      }
      return existing;
    }
    const channel = new BlogChannel({
      blogId,
      changes: this.#changes,
      encode: this.#encode,
      pageSize: this.#pageSize,
      onError: this.#onError,
      eventLag: this.stats.eventLag,
      onFailed: (failed) => this.#dropChannel(failed),
    });
    this.#channels.set(blogId, channel);
    return channel;
  }

  /**
   * Where the replay starts. A Last-Event-ID beyond the log's end comes from before a reset
   * of the data (or from a client making numbers up): such a reader counts as caught up, and
   * gets the blog's next events instead of waiting for the sequence to pass its number.
   */
  async #resumePoint(channel: BlogChannel, lastEventId: number): Promise<number> {
    if (lastEventId <= channel.delivered) return lastEventId;
    const lastSeq = await this.#changes.lastSeq(channel.blogId);
    return Math.min(lastEventId, lastSeq);
  }

  /** Memory answers any replay cheaply; the log only up to the replay limit. */
  #tooFarBehind(channel: BlogChannel, after: number): boolean {
    return channel.delivered - after > this.#replayLimit && channel.recentAfter(after) === null;
  }

  /**
   * Tells a reader too far behind to read the blog afresh, then streams live from where the
   * channel stands. The event carries that position as its id, so a client that reconnects
   * later resumes from there, not from where it was too far behind.
   */
  async #reset(channel: BlogChannel, subscriber: Subscriber): Promise<void> {
    const last = channel.delivered;
    const reset: ReplayReset = { reason: "too far behind", last };
    const frame = Buffer.from(formatEvent(last, "reset", JSON.stringify(reset)), "utf8");
    await subscriber.replay(last, frame);
  }

  async #replay(channel: BlogChannel, subscriber: Subscriber, after: number): Promise<void> {
    const recent = channel.recentAfter(after);
    if (recent) {
      for (const event of recent) {
        if (subscriber.closed) return;
        this.stats.replayedEvents++;
        await subscriber.replay(event.seq, event.frame);
      }
      return;
    }
    const blogId = channel.blogId;
    let cursor = after;
    for (;;) {
      const page = await this.#changes.listChanges(blogId, cursor, this.#pageSize);
      for (const change of page) {
        if (subscriber.closed) return;
        if (change.seq <= cursor) continue;
        cursor = change.seq;
        const frame = encodeFrame(change, this.#encode, this.#onError);
        if (!frame) continue;
        this.stats.replayedEvents++;
        await subscriber.replay(change.seq, frame);
      }
      if (subscriber.closed || page.length < this.#pageSize) return;
    }
  }

  #leave(channel: BlogChannel, subscriber: Subscriber): void {
    if (!channel.subscribers.delete(subscriber)) return;
    this.#readers--;
    const idle = channel.subscribers.size === 0 && !channel.closed && !this.#closed;
    if (idle && !this.#idle.has(channel)) {
      const drop = setTimeout(() => {
        this.#idle.delete(channel);
        if (channel.subscribers.size === 0) this.#dropChannel(channel);
      }, this.#channelLingerMs);
      drop.unref();
      this.#idle.set(channel, drop);
    }
    if (this.#readers === 0) this.#stopHeartbeat();
  }

  /** Ends a channel's streams: its readers reconnect and resume from their Last-Event-ID. */
  #dropChannel(channel: BlogChannel): void {
    clearTimeout(this.#idle.get(channel));
    this.#idle.delete(channel);
    channel.close();
    if (this.#channels.get(channel.blogId) === channel) this.#channels.delete(channel.blogId);
    for (const subscriber of [...channel.subscribers]) subscriber.end();
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const channel of this.#channels.values()) {
        for (const subscriber of channel.subscribers) subscriber.heartbeat(HEARTBEAT_FRAME);
        // A lost broadcast with no change after it is found here at the latest.
        channel.resync();
      }
    }, this.#heartbeatMs);
    // Open streams keep the server, and so the process, alive; the timer need not.
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (!this.#heartbeat) return;
    clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`LiveHub option ${name} must be a positive integer, got ${value}`);
  }
  return value;
}
