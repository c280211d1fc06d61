// When each blog last changed, kept beside its change sequence so the newsroom's blog list
// and the reader page's Last-Modified come from the database, the same on every node and
// after a restart. Describes the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const lastChange: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").addColumn("last_change_at", "text").execute();
    await sql`update blogs set last_change_at =
      (select max(changes.at) from changes where changes.blog_id = blogs.id)`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("blogs").dropColumn("last_change_at").execute();
  },
};
