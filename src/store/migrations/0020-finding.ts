// Finding things in long coverage: the readers' full-text search over a blog's published
// posts. SQLite keeps an FTS5 index (unicode61, diacritics removed) that triggers on `posts`
// maintain in the same transaction as every insert, edit and delete, holding only published,
// undeleted posts, so a deleted or corrected word leaves the index with the write that removed
// it. PostgreSQL indexes the same folded words (`search_text`, 0006) with a partial GIN index
// on `to_tsvector('simple', …)`, which is part of the row itself. Describes the schema as it
// was when written (see 0001). Also a blog's previous and next blogs of a continuing story
// (slugs, or null).

import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The rows the readers' index holds: what readers may see. */
const READABLE = "new.status = 'published' and new.deleted_at is null";

export const finding: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of ["previous_blog", "next_blog"]) {
      await db.schema.alterTable("blogs").addColumn(column, "text").execute();
    }
    if (isSqlite(db)) {
      // Keyed by the posts row's rowid; VACUUM (never run by Dispatch) could renumber those, and
      // a restore loads the posts afresh through the triggers, which rebuilds the index.
      await sql`create virtual table post_fts using fts5(
        text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      await sql
        .raw(`create trigger post_fts_insert after insert on posts
        when ${READABLE} begin
          insert into post_fts (rowid, text) values (new.rowid, new.search_text);
        end`)
        .execute(db);
      await sql
        .raw(`create trigger post_fts_update after update on posts begin
          delete from post_fts where rowid = old.rowid;
          insert into post_fts (rowid, text) select new.rowid, new.search_text where ${READABLE};
        end`)
        .execute(db);
      await sql`create trigger post_fts_delete after delete on posts begin
          delete from post_fts where rowid = old.rowid;
        end`.execute(db);
      await sql`insert into post_fts (rowid, text) select rowid, search_text from posts
        where status = 'published' and deleted_at is null`.execute(db);
    } else {
      await sql`create index posts_reader_search_idx on posts
        using gin (to_tsvector('simple', search_text))
        where status = 'published' and deleted_at is null`.execute(db);
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    if (isSqlite(db)) {
      for (const trigger of ["post_fts_insert", "post_fts_update", "post_fts_delete"]) {
        await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
      }
      await sql`drop table if exists post_fts`.execute(db);
    } else {
      await sql`drop index if exists posts_reader_search_idx`.execute(db);
    }
    await db.schema.alterTable("blogs").dropColumn("next_blog").execute();
    await db.schema.alterTable("blogs").dropColumn("previous_blog").execute();
  },
};
