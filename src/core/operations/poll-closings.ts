// Polls closing on time. A reader's page closes a poll by the time it carries, but the final
// counts and the word "closed" should reach every reader, the stored HTML and the export when
// the closing time passes, not when someone next tries to vote. The scheduler calls
// closeDuePolls on every node; each closing is claimed by a conditional update in the same
// transaction as the write, so it is announced once whichever nodes run at that moment, and
// a failed write leaves it unclaimed for the next tick.

import type { Newsroom } from "../ports.js";
import { commitChanges } from "./commit.js";
import { writePollCounts } from "./polls.js";

/** Announces the polls closed since the last run; returns the ids of those this node did. */
export async function closeDuePolls(newsroom: Newsroom, limit = 100): Promise<string[]> {
  const now = newsroom.clock.now().toISOString();
  const due = await newsroom.store.listDuePollClosings(now, limit);
  const announced: string[] = [];
  let failed: unknown;
  for (const closing of due) {
    // One poll's failed write (an editor's save in between) waits for the next tick; the
    // others still go out.
    const claimed = await commitChanges(newsroom, async (recorder) => {
      if (!(await recorder.tx.claimPollClosing(closing, now))) return false;
      await writePollCounts(newsroom, recorder, closing.pollId);
      return true;
    }).catch((error: unknown) => {
      failed ??= error;
      return false;
    });
    if (claimed) announced.push(closing.pollId);
  }
  if (failed) throw failed;
  return announced;
}
