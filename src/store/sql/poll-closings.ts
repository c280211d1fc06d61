// When polls close (migration 0030): a post's rows are rewritten with every write of the post,
// in its transaction, keeping `announced_at` while a poll's closing time stays the same (a
// moved closing time is announced again when it comes). The scheduler lists the due ones of
// published posts and claims each with a conditional update, so one node announces it.

import type { Kysely } from "kysely";
import type { DuePollClosing } from "../../core/polls.js";
import type { Post } from "../../core/post.js";
import type { Database } from "../schema.js";

export async function writePollClosings(db: Kysely<Database>, post: Post): Promise<void> {
  const closings = new Map<string, string>();
  if (!post.deletedAt) {
    for (const block of post.blocks) {
      if (block.type !== "poll" || !block.id || !block.closesAt) continue;
      // Kept in UTC so the due check is a plain comparison of text on both backends.
      closings.set(block.id, new Date(block.closesAt).toISOString());
    }
  }
  let gone = db.deleteFrom("poll_closings").where("post_id", "=", post.id);
  if (closings.size > 0) gone = gone.where("poll_id", "not in", [...closings.keys()]);
  await gone.execute();
  for (const [pollId, closesAt] of closings) {
    await db
      .insertInto("poll_closings")
      .values({ poll_id: pollId, post_id: post.id, closes_at: closesAt, announced_at: null })
      .onConflict((oc) =>
        oc.column("poll_id").doUpdateSet((eb) => ({
          closes_at: eb.ref("excluded.closes_at"),
          announced_at: eb
            .case()
            .when("poll_closings.closes_at", "=", eb.ref("excluded.closes_at"))
            .then(eb.ref("poll_closings.announced_at"))
            .else(null)
            .end(),
        })),
      )
      .execute();
  }
}

/** Polls of published posts whose closing time has come and that no node has announced. */
export async function listDuePollClosings(
  db: Kysely<Database>,
  now: string,
  limit: number,
): Promise<DuePollClosing[]> {
  const rows = await db
    .selectFrom("poll_closings")
    .innerJoin("posts", "posts.id", "poll_closings.post_id")
    .select(["poll_closings.poll_id", "poll_closings.post_id", "poll_closings.closes_at"])
    .where("poll_closings.announced_at", "is", null)
    .where("poll_closings.closes_at", "<=", now)
    .where("posts.status", "=", "published")
    .where("posts.deleted_at", "is", null)
    .orderBy("poll_closings.closes_at")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ pollId: row.poll_id, postId: row.post_id, closesAt: row.closes_at }));
}

/** Marks the closing announced; false when another node has, or the closing time moved. */
export async function claimPollClosing(
  db: Kysely<Database>,
  closing: DuePollClosing,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("poll_closings")
    .set({ announced_at: at })
    .where("poll_id", "=", closing.pollId)
    .where("closes_at", "=", closing.closesAt)
    .where("announced_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
