// The loop behind each queue of outbound sends kept in the database (webhook deliveries,
// readers' alerts): it claims due items under a lease held by this process (so across workers
// and nodes each is sent by one at a time, and one left by a process that died is taken over
// when its lease runs out), keeps at most `concurrency` in flight, claims more as each
// finishes, and wakes on demand (a change any node broadcast) and on a timer besides. A wake
// while a round is running runs one more round after it, never two at once. What is claimed,
// and how it is sent, is the queue's own.

import { hostname } from "node:os";
import type { Clock } from "../core/clock.js";
import { newId } from "../core/ids.js";

export interface LeasedQueue<T> {
  clock: Clock;
  /** How long a claim is held: past an attempt's own time limit, so no live sender loses it. */
  leaseMs: number;
  /** Items in flight at once on this process. */
  concurrency: number;
  pollMs?: number;
  /** Work before each round of claims (pruning, fanning out). */
  beforeClaims?(): Promise<void>;
  /** Claims up to `limit` items due at `now`, held by `owner` until `leaseUntil`. */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<T[]>;
  /** Starts sending a batch claimed together: one promise per item, settled when it is done. */
  send(batch: T[]): Promise<void>[];
  onError?(error: unknown): void;
}

export class LeasedPump<T> {
  /** Whose lease a claim is: this process, told apart from others on the same host. */
  readonly owner = `${hostname()}:${process.pid}:${newId()}`;
  readonly #queue: LeasedQueue<T>;
  #inFlight = 0;
  #pumping = false;
  #again = false;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(queue: LeasedQueue<T>) {
    this.#queue = queue;
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.#queue.pollMs ?? 1000);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for due items now. */
  wake(): void {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump()
      .catch((error) => this.#queue.onError?.(error))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Whether close() was called: long preparation stops early. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Stops claiming; items in flight are left to their leases. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
  }

  async #pump(): Promise<void> {
    const queue = this.#queue;
    await queue.beforeClaims?.();
    while (!this.#closed && this.#inFlight < queue.concurrency) {
      const now = queue.clock.now().getTime();
      const claimed = await queue.claim(
        this.owner,
        new Date(now),
        new Date(now + queue.leaseMs),
        queue.concurrency - this.#inFlight,
      );
      if (claimed.length === 0) return;
      for (const sending of queue.send(claimed)) {
        this.#inFlight++;
        void sending
          .catch((error) => queue.onError?.(error))
          .finally(() => {
            this.#inFlight--;
            this.wake();
          });
      }
    }
  }
}
