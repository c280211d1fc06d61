// A change-log row is superseded once a later change is about the same post (or the same
// blog): its words may since have been corrected, deleted or unpublished, so replays and
// `changes?since=` leave it out and carry only the latest. The row itself stays, readable by
// no public route, as the newsroom's record of what was once published. Existing logs are
// brought into line here. Describes the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const changeSupersession: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("changes").addColumn("superseded_by", "integer").execute();
    await sql`update changes set superseded_by = (
        select max(later.seq) from changes later
        where later.blog_id = changes.blog_id and later.entity_id = changes.entity_id)
      where seq < (
        select max(later.seq) from changes later
        where later.blog_id = changes.blog_id and later.entity_id = changes.entity_id)`.execute(db);
    // Replays read only current rows, in order; each change supersedes its entity's one
    // current row. Partial indexes keep both to the rows that matter.
    await db.schema
      .createIndex("changes_current_idx")
      .on("changes")
      .columns(["blog_id", "seq"])
      .where(sql.ref("superseded_by"), "is", null)
      .execute();
    await db.schema
      .createIndex("changes_entity_idx")
      .on("changes")
      .columns(["blog_id", "entity_id"])
      .where(sql.ref("superseded_by"), "is", null)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("changes_entity_idx").execute();
    await db.schema.dropIndex("changes_current_idx").execute();
    await db.schema.alterTable("changes").dropColumn("superseded_by").execute();
  },
};
