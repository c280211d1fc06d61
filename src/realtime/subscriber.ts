// One reader's open event stream: what has been written to it, the events held back while its
// Last-Event-ID replay runs, and the memory budget that cuts off a reader who stopped reading.

import type { EventSink } from "./sse.js";

/** How long a stream that is being ended may take to flush before its socket is cut. */
const END_GRACE_MS = 2000;

interface HeldEvent {
  seq: number;
  frame: Buffer;
}

export interface SubscriberOptions {
  /** Bytes queued for this reader (in the response, socket and hold queue) before it is cut off. */
  maxBufferedBytes: number;
  /** True when the reader resumes with a Last-Event-ID: live events wait until the replay is written. */
  resuming: boolean;
  /** Called once, when the stream has ended for whatever reason. */
  onClose: (subscriber: Subscriber) => void;
}

export class Subscriber {
  readonly #res: EventSink;
  readonly #maxBufferedBytes: number;
  readonly #onClose: (subscriber: Subscriber) => void;
  /** The highest sequence written to this reader; nothing at or below it is written again. */
  #lastWritten = 0;
  /** Live events that arrived during the replay; null once the reader is live. */
  #held: HeldEvent[] | null;
  #heldBytes = 0;
  #closed = false;
  /** Wakes a replay waiting for the socket to drain when the stream goes away instead. */
  #wakeReplay: (() => void) | null = null;

  constructor(res: EventSink, options: SubscriberOptions) {
    this.#res = res;
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.#onClose = options.onClose;
    this.#held = options.resuming ? [] : null;
    res.on("close", () => this.#release());
    // A reset socket also closes the response; without a listener the error would crash us.
    res.on("error", () => this.#release());
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Where the replay starts: events up to `seq` are the reader's already. */
  resumeAfter(seq: number): void {
    this.#lastWritten = seq;
  }

  /** A live event for this reader, in channel order. The frame is shared: never modify it. */
  offer(seq: number, frame: Buffer): void {
    if (this.#closed || seq <= this.#lastWritten) return;
    if (this.#held) {
      this.#held.push({ seq, frame });
      this.#heldBytes += frame.length;
      this.#enforceBudget();
      return;
    }
    this.#write(seq, frame);
  }

  /**
   * Consecutive live events, with their frames already joined into `together`: one write when
   * the reader is live and has none of them yet, else event by event (duplicates skipped).
   */
  offerAll(events: readonly HeldEvent[], together: Buffer): void {
    const first = events[0];
    const last = events[events.length - 1];
    if (this.#closed || !first || !last) return;
    if (this.#held || first.seq <= this.#lastWritten) {
      for (const event of events) this.offer(event.seq, event.frame);
      return;
    }
    this.#write(last.seq, together);
  }

  /**
   * An event read from the change log for the replay. Waits while the socket is backed up,
   * so a long replay to a reader who is reading never trips the memory budget.
   */
  async replay(seq: number, frame: Buffer): Promise<void> {
    if (this.#closed || seq <= this.#lastWritten) return;
    if (this.#write(seq, frame) || this.#closed) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        this.#res.off("drain", wake);
        this.#wakeReplay = null;
        resolve();
      };
      this.#wakeReplay = wake;
      this.#res.on("drain", wake);
    });
  }

  /** The replay is written: write the held events it did not already cover, then stream live. */
  goLive(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    this.#heldBytes = 0;
    for (const event of held) {
      if (this.#closed) return;
      if (event.seq > this.#lastWritten) this.#write(event.seq, event.frame);
    }
  }

  heartbeat(frame: Buffer): void {
    if (this.#closed) return;
    this.#res.write(frame);
    this.#enforceBudget();
  }

  /** Ends the stream cleanly; EventSource reconnects with its Last-Event-ID after the retry delay. */
  end(): void {
    if (this.#closed) return;
    const res = this.#res;
    this.#release();
    res.end();
    // A reader who stopped reading, or never closes its side of the connection, would
    // otherwise hold the socket (and what is queued for it) forever.
    const cut = setTimeout(() => res.destroy(), END_GRACE_MS);
    cut.unref();
    res.once("close", () => clearTimeout(cut));
  }

  /** Cuts the connection at once, dropping whatever is still queued for it. */
  destroy(): void {
    if (this.#closed) return;
    this.#release();
    this.#res.destroy();
  }

  #write(seq: number, frame: Buffer): boolean {
    const flushed = this.#res.write(frame);
    this.#lastWritten = seq;
    this.#enforceBudget();
    return flushed;
  }

  #enforceBudget(): void {
    // writableLength is what Node holds for this response beyond what the kernel accepted:
    // it only grows when the reader stops reading. Cutting it off bounds our memory; the
    // reader's EventSource resumes from its Last-Event-ID and the replay fills the gap.
    if (this.#res.writableLength + this.#heldBytes > this.#maxBufferedBytes) this.destroy();
  }

  #release(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = null;
    this.#heldBytes = 0;
    this.#wakeReplay?.();
    this.#onClose(this);
  }
}
