// A blog's ad slots rule: JSON text `{"every":5,"height":250}`, or null for none. Describes
// the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const adSlots: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").addColumn("ad_slots", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").dropColumn("ad_slots").execute();
  },
};
