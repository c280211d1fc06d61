// The note an editor gives when returning a submission to its reporter, kept on the post (as
// JSON: the note, who returned it, when) so the reporter's desk shows it until they send the
// post again. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const returnNote: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").addColumn("return_note", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").dropColumn("return_note").execute();
  },
};
