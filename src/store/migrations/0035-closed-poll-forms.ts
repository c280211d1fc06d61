// Polls that closed before a post's stored HTML was drawn by its time of writing: migration
// 0030 took them as announced, so their posts kept the open vote form (votes refused) until
// someone wrote the post again. Each such closing is marked unannounced again, and the
// scheduler's closeDuePolls (core/operations/poll-closings.ts) then redraws its post with the
// final counts and "Voting closed", claimed by one node as every closing is. Only closings
// whose post still holds that poll's form are touched, in one pass over the closings (a row per
// poll with a closing time), changing nothing when no post needs it. Nothing to undo.

import { type Kysely, type Migration, sql } from "kysely";

export const closedPollForms: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const now = new Date().toISOString();
    await sql`update poll_closings set announced_at = null
      where announced_at is not null and closes_at <= ${now}
      and exists (select 1 from posts where posts.id = poll_closings.post_id
        and posts.deleted_at is null
        and posts.html like ${"%/api/polls/"} || poll_closings.poll_id || ${'/votes"%'})`.execute(
      db,
    );
  },

  async down(): Promise<void> {},
};
