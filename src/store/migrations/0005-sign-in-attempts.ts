// Failed sign-ins, counted in the database so that every node and worker shares one count
// (see core/operations/sign-in-limiter.ts). Describes the schema as it was when written (see
// 0001).

import type { Kysely, Migration } from "kysely";

export const signInAttempts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One row per key ("email:…" or "address:…"): the times (ms) of its attempts inside the
    // window, as a JSON array. A row is what an attempt locks, so two nodes checking the same
    // email take turns.
    await db.schema
      .createTable("sign_in_attempts")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("times", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // Forgetting keys whose attempts have all left the window.
    await db.schema
      .createIndex("sign_in_attempts_updated_idx")
      .on("sign_in_attempts")
      .column("updated_at")
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("sign_in_attempts").execute();
  },
};
