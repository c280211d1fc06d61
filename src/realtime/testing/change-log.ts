// A blog change log in memory, for the realtime tests: the real store's log is tested with the
// store. Reads can be slowed down and observed, to force the races the hub must survive.

import type { Change } from "../../core/change.js";
import type { ChangeLog } from "../channel.js";

export class MemoryChangeLog implements ChangeLog {
  readonly changes: Change[] = [];
  /** Each read answers this long after it looked at the log, like a query in flight. */
  readDelayMs = 0;
  /** Called when a listChanges read has taken its snapshot, before it answers. */
  onListChanges: ((afterSeq: number) => void) | null = null;
  listChangesCalls = 0;
  lastSeqCalls = 0;

  /** Appends a change with the blog's next sequence; the payload is a small deletion. */
  append(blogId: string, postId?: string): Change {
    const change = deletion(blogId, this.#last(blogId) + 1, postId);
    this.changes.push(change);
    return change;
  }

  async listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]> {
    this.listChangesCalls++;
    const page = this.changes
      .filter((change) => change.blogId === blogId && change.seq > afterSeq)
      .slice(0, limit);
    this.onListChanges?.(afterSeq);
    await sleep(this.readDelayMs);
    return page;
  }

  async lastSeq(blogId: string): Promise<number> {
    this.lastSeqCalls++;
    const last = this.#last(blogId);
    await sleep(this.readDelayMs);
    return last;
  }

  #last(blogId: string): number {
    let last = 0;
    for (const change of this.changes) if (change.blogId === blogId) last = change.seq;
    return last;
  }
}

/** A change that deletes a post: the smallest payload there is, enough to check framing. */
export function deletion(blogId: string, seq: number, postId = `post-${seq}`): Change {
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString();
  return { kind: "delete", postId, blogId, seq, at };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
