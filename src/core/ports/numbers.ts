// What the core asks of the store about the desk's numbers (core/numbers.ts).

import type { NumbersBatch } from "../numbers.js";

/** The desk's numbers (core/numbers.ts): counts added by every node, read summed. */
export interface NumbersStore {
  /** Adds a flush's counts in one transaction; a reader sample replaces its node's own. */
  addNumbers(batch: NumbersBatch): Promise<void>;
  /** Readers per minute start from `fromMinute` on, every node's sample summed. */
  sumReaders(blogId: string, fromMinute: string): Promise<Map<string, number>>;
  /** The posts most opened (then shared) from `fromHour` on. */
  topPosts(
    blogId: string,
    fromHour: string,
    limit: number,
  ): Promise<{ postId: string; opens: number; shares: number }[]>;
  /** Embed loads per host page from `fromHour` on, most first. */
  embedHosts(
    blogId: string,
    fromHour: string,
    limit: number,
  ): Promise<{ host: string; loads: number }[]>;
  /** Forgets samples and counters from before `before`; returns how many rows went. */
  pruneNumbers(before: string): Promise<number>;
}
