// When each poll closes (core/polls.ts), so the scheduler finds the polls whose closing time
// has passed with one index range instead of reading every post's blocks. One row per poll
// with a closing time; the store rewrites a post's rows with every write of the post
// (sql/poll-closings.ts). `announced_at` is set by the one node that tells readers a poll has
// closed: a conditional update, so two nodes never both announce it. Polls already closed
// when this runs are taken as announced (their pages close them by the time they carry).
// Describes the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const pollClosings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("poll_closings")
      .addColumn("poll_id", "text", (c) => c.primaryKey())
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id"))
      .addColumn("closes_at", "text", (c) => c.notNull())
      .addColumn("announced_at", "text")
      .execute();
    await sql`create index poll_closings_due_idx on poll_closings (closes_at)
      where announced_at is null`.execute(db);
    await sql`create index poll_closings_post_idx on poll_closings (post_id)`.execute(db);

    const now = new Date().toISOString();
    const rows = await sql<{ id: string; blocks: string }>`select id, blocks from posts
      where blocks like ${'%"closesAt"%'}`.execute(db);
    for (const post of rows.rows) {
      for (const block of JSON.parse(post.blocks) as Array<Record<string, unknown>>) {
        if (block.type !== "poll" || typeof block.id !== "string") continue;
        if (typeof block.closesAt !== "string") continue;
        const closesAt = new Date(block.closesAt).toISOString();
        await sql`insert into poll_closings (poll_id, post_id, closes_at, announced_at)
          values (${block.id}, ${post.id}, ${closesAt}, ${closesAt <= now ? now : null})
          on conflict (poll_id) do nothing`.execute(db);
      }
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("poll_closings").execute();
  },
};
