// The default Broadcaster: fan-out of committed changes (and desk events) to the listeners of
// this one process. Enough for a single node; a Redis broadcaster implements the same port for
// many nodes.

import type { Change } from "../core/change.js";
import type { DeskEvent } from "../core/desk.js";
import type { Broadcaster } from "../core/ports.js";

export interface InProcessBroadcasterOptions {
  /** Told about a listener that threw; defaults to logging on stderr. */
  onListenerError?: (error: unknown) => void;
}

/** One kind of message and its listeners. */
class Fanout<T> {
  readonly #listeners = new Set<(message: T) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Delivers synchronously, so a message reaches the listeners before publish() resolves. */
  deliver(message: T): void {
    // A snapshot, so listeners that (un)subscribe while being called don't change this round.
    for (const listener of [...this.#listeners]) {
      try {
        listener(message);
      } catch (error) {
        // One broken listener must not keep the message from everyone else.
        this.onError(error);
      }
    }
  }

  add(listener: (message: T) => void): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const subscription = (message: T) => listener(message);
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  get size(): number {
    return this.#listeners.size;
  }

  clear(): void {
    this.#listeners.clear();
  }
}

export class InProcessBroadcaster implements Broadcaster {
  readonly #changes: Fanout<Change>;
  readonly #desk: Fanout<DeskEvent>;
  #closed = false;

  constructor(options: InProcessBroadcasterOptions = {}) {
    const onError =
      options.onListenerError ?? ((error) => console.error("A live-event listener failed:", error));
    this.#changes = new Fanout(onError);
    this.#desk = new Fanout(onError);
  }

  async publish(change: Change): Promise<void> {
    // After close the process is shutting down: the change is already committed and the
    // readers' reconnect replays it from the change log, so dropping it loses nothing.
    if (!this.#closed) this.#changes.deliver(change);
  }

  subscribe(listener: (change: Change) => void): () => void {
    return this.#closed ? () => {} : this.#changes.add(listener);
  }

  async publishDesk(event: DeskEvent): Promise<void> {
    if (!this.#closed) this.#desk.deliver(event);
  }

  subscribeDesk(listener: (event: DeskEvent) => void): () => void {
    return this.#closed ? () => {} : this.#desk.add(listener);
  }

  get listenerCount(): number {
    return this.#changes.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#changes.clear();
    this.#desk.clear();
  }
}
