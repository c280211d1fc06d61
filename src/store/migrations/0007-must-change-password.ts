// A password an admin set for someone (a reset) is temporary: the user must choose their own
// before doing anything else. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const mustChangePassword: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // 0 or 1, like every boolean column; existing users chose their own passwords.
    await db.schema
      .alterTable("users")
      .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").dropColumn("must_change_password").execute();
  },
};
