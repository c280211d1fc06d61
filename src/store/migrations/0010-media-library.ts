// The media library: one row per uploaded image, written on each upload, with the words the
// newsroom gave it (alt text, caption, credit: remembered from the posts that use it or edited
// in the library) and their folded copy for search. Also indexes the audit log by person and
// by blog, so the audit screen's filters read a page without scanning the whole log. Describes
// the schema as it was when written (see 0001).
//
// Uploads made before the library existed are found in the posts that use them (deleted posts
// aside: their words stay gone) and entered under the first post's author and time, with the
// words the posts gave them; their size was never recorded, so it is 0 (unknown).

import { type Kysely, type Migration, sql } from "kysely";
import type { Block } from "../../core/content/blocks.js";
import { type MediaItem, searchableMedia, uploadIdOf } from "../../core/media.js";

/** Posts read at a time, so a large newsroom's backfill holds little in memory. */
const BATCH = 500;

interface PostImages {
  id: string;
  blocks: string;
  author_id: string;
  author_name: string;
  created_at: string;
}

export const mediaLibrary: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("media")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("src", "text", (c) => c.notNull())
      .addColumn("width", "integer", (c) => c.notNull())
      .addColumn("height", "integer", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("uploader_id", "text")
      .addColumn("uploader_name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("alt", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("caption", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .createIndex("media_created_idx")
      .on("media")
      .columns(["created_at", "id"])
      .execute();
    for (const column of ["actor_id", "blog_id"]) {
      await db.schema
        .createIndex(`audit_events_${column}_at_idx`)
        .on("audit_events")
        .columns([column, "at", "id"])
        .execute();
    }
    await enterEarlierUploads(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ["actor_id", "blog_id"]) {
      await db.schema.dropIndex(`audit_events_${column}_at_idx`).execute();
    }
    await db.schema.dropTable("media").execute();
  },
};

async function enterEarlierUploads(db: Kysely<unknown>): Promise<void> {
  // Posts in the order they were made (ids are time-ordered): the first use of an image names
  // its uploader; later posts' words replace earlier ones, as they would have on saving.
  const found = new Map<string, MediaItem>();
  let after = "";
  for (;;) {
    const { rows } = await sql<PostImages>`select id, blocks, author_id, author_name, created_at
      from posts where deleted_at is null and id > ${after} order by id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      for (const block of JSON.parse(row.blocks) as Block[]) {
        const id = block.type === "image" ? uploadIdOf(block.src) : undefined;
        if (block.type !== "image" || id === undefined) continue;
        const item: MediaItem = found.get(id) ?? {
          id,
          src: `/media/u/${id}/1600.jpg`,
          width: 0,
          height: 0,
          fileName: "",
          uploaderId: row.author_id,
          uploaderName: row.author_name,
          createdAt: row.created_at,
          updatedAt: row.created_at,
          alt: "",
          caption: "",
          credit: "",
        };
        item.alt = block.alt || item.alt;
        item.caption = block.caption || item.caption;
        item.credit = block.credit || item.credit;
        found.set(id, item);
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    after = last.id;
  }
  for (const m of found.values()) {
    await sql`insert into media (id, src, width, height, file_name, uploader_id, uploader_name,
      created_at, updated_at, alt, caption, credit, search_text)
      values (${m.id}, ${m.src}, 0, 0, '', ${m.uploaderId}, ${m.uploaderName}, ${m.createdAt},
      ${m.updatedAt}, ${m.alt}, ${m.caption}, ${m.credit}, ${searchableMedia(m)})`.execute(db);
  }
}
