// Attribution and verification on posts (core/attribution.ts): `posts.source` holds JSON
// {text, url?} for the source line, `posts.verification` JSON {state, note?}; both null when
// not stated, as on every earlier post. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const attribution: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").addColumn("source", "text").execute();
    await db.schema.alterTable("posts").addColumn("verification", "text").execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").dropColumn("verification").execute();
    await db.schema.alterTable("posts").dropColumn("source").execute();
  },
};
