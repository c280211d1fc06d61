// Signed-in browsers and disabling users. Describes the schema as it was when written (see
// 0001). Sign-in attempts were not stored then (see 0005).

import type { Kysely, Migration } from "kysely";

export const sessions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // id is the SHA-256 of the cookie value, so a leaked table does not sign anyone in.
    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .execute();
    // Ending a user's sessions (password change, disabling) and purging expired ones.
    await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
    await db.schema
      .createIndex("sessions_expires_idx")
      .on("sessions")
      .column("expires_at")
      .execute();
    await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").dropColumn("disabled_at").execute();
    await db.schema.dropTable("sessions").execute();
  },
};
