// The source line a post credited, kept with each of its versions (core/corrections.ts): a
// correction of the source is a correction like any other, and the history shows what the
// post credited before. JSON {text, url?}, null where the post credited none, as in every
// earlier version. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const versionSources: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("post_versions").addColumn("source", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("post_versions").dropColumn("source").execute();
  },
};
