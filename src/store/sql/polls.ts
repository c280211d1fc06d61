// Readers' votes in polls (migration 0025): kept once per poll and voter, the primary key
// refusing a second one, and counted per answer by the database.

import type { Kysely } from "kysely";
import type { PollVote } from "../../core/polls.js";
import type { Database } from "../schema.js";

export async function castPollVote(db: Kysely<Database>, vote: PollVote): Promise<boolean> {
  const result = await db
    .insertInto("poll_votes")
    .values({
      poll_id: vote.pollId,
      voter: vote.voter,
      post_id: vote.postId,
      answer_id: vote.answerId,
      at: vote.at,
    })
    .onConflict((oc) => oc.columns(["poll_id", "voter"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countPollVotes(
  db: Kysely<Database>,
  pollId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("poll_votes")
    .select(["answer_id", (eb) => eb.fn.countAll<string | number>().as("votes")])
    .where("poll_id", "=", pollId)
    .groupBy("answer_id")
    .execute();
  const counted: Record<string, number> = {};
  for (const row of rows) counted[row.answer_id] = Number(row.votes);
  return counted;
}
