// A reader's photo with a contribution (core/contributions.ts): `contributions.photo`, JSON
// text ({ id, width, height }) or null. The files live in the media store's private folder.
// Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const contributionPhotos: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("contributions").addColumn("photo", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("contributions").dropColumn("photo").execute();
  },
};
