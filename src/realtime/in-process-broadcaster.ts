// The default Broadcaster: fan-out of committed changes to the listeners of this one process.
// Enough for a single node; a Redis broadcaster implements the same port for many nodes.

import type { Change } from "../core/change.js";
import type { Broadcaster } from "../core/ports.js";

type Listener = (change: Change) => void;

export interface InProcessBroadcasterOptions {
  /** Told about a listener that threw; defaults to logging on stderr. */
  onListenerError?: (error: unknown) => void;
}

export class InProcessBroadcaster implements Broadcaster {
  readonly #listeners = new Set<Listener>();
  readonly #onListenerError: (error: unknown) => void;
  #closed = false;

  constructor(options: InProcessBroadcasterOptions = {}) {
    this.#onListenerError =
      options.onListenerError ?? ((error) => console.error("A live-event listener failed:", error));
  }

  /** Delivers synchronously, so a change reaches the listeners before publish() resolves. */
  async publish(change: Change): Promise<void> {
    // After close the process is shutting down: the change is already committed and the
    // readers' reconnect replays it from the change log, so dropping it loses nothing.
    if (this.#closed) return;
    // A snapshot, so listeners that (un)subscribe while being called don't change this round.
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener must not keep the change from everyone else.
        this.#onListenerError(error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    if (this.#closed) return () => {};
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const subscription: Listener = (change) => listener(change);
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
  }
}
