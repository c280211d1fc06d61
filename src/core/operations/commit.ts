// Runs a change in one transaction and, once it has committed, sends the changes it logged to
// every node's readers. Broadcasting after commit means a reader never sees a change that was
// rolled back; a broadcast that fails is recovered by readers from the change log.

import type { Change, ChangeBody } from "../change.js";
import type { Newsroom, Store } from "../ports.js";

export interface ChangeRecorder {
  tx: Store;
  record(blogId: string, body: ChangeBody): Promise<Change>;
}

export async function commitChanges<T>(
  newsroom: Newsroom,
  work: (recorder: ChangeRecorder) => Promise<T>,
): Promise<T> {
  const changes: Change[] = [];
  const result = await newsroom.store.transaction(async (tx) => {
    changes.length = 0; // a retried transaction starts over
    const at = newsroom.clock.now().toISOString();
    return work({
      tx,
      record: async (blogId, body) => {
        const change = await tx.appendChange(blogId, at, body);
        changes.push(change);
        return change;
      },
    });
  });
  for (const change of changes) {
    await newsroom.broadcaster.publish(change).catch(() => {
      // Readers detect the gap by sequence and read the change from the log.
    });
  }
  return result;
}
