// Secrets the server generates for itself (the key that signs recognised-device cookies),
// kept in the database so every node and worker signs and checks with the same one.
// Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const serverSecrets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("server_secrets")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("server_secrets").execute();
  },
};
