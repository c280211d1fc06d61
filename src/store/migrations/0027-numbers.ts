// The desk's numbers (core/numbers.ts): each node's per-minute sample of a blog's live
// readers, and hourly counters of permalink opens, shares and embed loads that every node adds
// to. No foreign keys: counters are written blind in batches, and a batch refused for one row
// would lose the others' counts. Nothing here names a reader. Describes the schema as it was
// when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const numbers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("reader_minutes")
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("minute", "text", (c) => c.notNull())
      .addColumn("node", "text", (c) => c.notNull())
      .addColumn("readers", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("reader_minutes_pkey", ["blog_id", "minute", "node"])
      .execute();
    // Pruning goes by time across blogs.
    await db.schema
      .createIndex("reader_minutes_minute")
      .on("reader_minutes")
      .column("minute")
      .execute();
    await db.schema
      .createTable("post_numbers")
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("hour", "text", (c) => c.notNull())
      .addColumn("opens", "integer", (c) => c.notNull())
      .addColumn("shares", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("post_numbers_pkey", ["blog_id", "hour", "post_id"])
      .execute();
    await db.schema
      .createTable("embed_numbers")
      .addColumn("blog_id", "text", (c) => c.notNull())
      .addColumn("host", "text", (c) => c.notNull())
      .addColumn("hour", "text", (c) => c.notNull())
      .addColumn("loads", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("embed_numbers_pkey", ["blog_id", "hour", "host"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("embed_numbers").execute();
    await db.schema.dropTable("post_numbers").execute();
    await db.schema.dropTable("reader_minutes").execute();
  },
};
