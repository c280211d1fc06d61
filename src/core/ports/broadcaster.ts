// What the core asks of the realtime layer (src/realtime/): changes and desk events carried
// to every node.

import type { Change } from "../change.js";
import type { DeskEvent } from "../desk.js";

/** Carries committed changes to every node's live readers. */
export interface Broadcaster {
  publish(change: Change): Promise<void>;
  /** Calls `listener` with every change published on any node; returns an unsubscribe. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Desk events (newsroom only, not logged): best effort, to every node. */
  publishDesk(event: DeskEvent): Promise<void>;
  subscribeDesk(listener: (event: DeskEvent) => void): () => void;
  close(): Promise<void>;
}
