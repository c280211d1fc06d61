// What the live hub counts as it works, read by /metrics when scraped: replays, events
// replayed, resets, changes received, and the lag from a change's commit to its bytes being
// written to this node's readers. Plain fields so the hub's hot paths only add to numbers.

import { Histogram } from "./exposition.js";

/** Seconds: a healthy node writes within milliseconds; a few seconds means trouble. */
export const EVENT_LAG_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class LiveStats {
  /** Readers that came back with a Last-Event-ID and were sent what they missed. */
  replays = 0;
  /** Events written to those readers during their replays. */
  replayedEvents = 0;
  /** Readers too far behind, told to read the blog afresh instead of a replay. */
  resets = 0;
  /** Open connections carrying several blogs (shared by a browser's tabs); each blog on one
   * counts as a reader too. */
  sharedStreams = 0;
  /** Changes the hub received from the broadcaster (from every node). */
  changesReceived = 0;
  /** Commit to written-to-readers, per event and write round, on this node. */
  readonly eventLag = new Histogram(EVENT_LAG_BOUNDS);
}
