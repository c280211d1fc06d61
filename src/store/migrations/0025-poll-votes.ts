// Readers' votes in polls (core/polls.ts): one row per poll and voter (the random id in the
// browser's signed cookie), so a second vote from one browser is refused by the key itself,
// whichever node takes it; the counts are read by grouping on the answer. Describes the
// schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const pollVotes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("poll_votes")
      .addColumn("poll_id", "text", (c) => c.notNull())
      .addColumn("voter", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id"))
      .addColumn("answer_id", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("poll_votes_pkey", ["poll_id", "voter"])
      .execute();
    await db.schema
      .createIndex("poll_votes_answer")
      .on("poll_votes")
      .columns(["poll_id", "answer_id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("poll_votes").execute();
  },
};
