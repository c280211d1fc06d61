// The media library's queries: one row per upload, its words kept folded beside it
// (core/media.ts) so a search is one LIKE per word on either backend, as the desk's search.

import { type Kysely, sql } from "kysely";
import type { MediaItem, MediaSearch } from "../../core/media.js";
import { searchableMedia } from "../../core/media.js";
import type { Database, MediaTable } from "../schema.js";

function toRow(item: MediaItem): MediaTable {
  return {
    id: item.id,
    src: item.src,
    width: item.width,
    height: item.height,
    file_name: item.fileName,
    uploader_id: item.uploaderId,
    uploader_name: item.uploaderName,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    search_text: searchableMedia(item),
  };
}

function fromRow(row: MediaTable): MediaItem {
  return {
    id: row.id,
    src: row.src,
    width: Number(row.width),
    height: Number(row.height),
    fileName: row.file_name,
    uploaderId: row.uploader_id,
    uploaderName: row.uploader_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
  };
}

export async function insertMedia(db: Kysely<Database>, item: MediaItem): Promise<void> {
  await db.insertInto("media").values(toRow(item)).execute();
}

export async function findMedia(db: Kysely<Database>, id: string): Promise<MediaItem | undefined> {
  const row = await db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

export async function updateMedia(db: Kysely<Database>, item: MediaItem): Promise<void> {
  const { alt, caption, credit, updated_at, search_text } = toRow(item);
  await db
    .updateTable("media")
    .set({ alt, caption, credit, updated_at, search_text })
    .where("id", "=", item.id)
    .execute();
}

/** A LIKE pattern finding `text` anywhere, with LIKE's own characters taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function listMedia(db: Kysely<Database>, query: MediaSearch): Promise<MediaItem[]> {
  let select = db.selectFrom("media").selectAll();
  for (const word of query.words) {
    // The escape character is named because the backends disagree on a default.
    select = select.where(sql<boolean>`search_text like ${containing(word)} escape '\\'`);
  }
  if (query.before !== undefined) {
    const anchor = await db
      .selectFrom("media")
      .select(["created_at", "id"])
      .where("id", "=", query.before)
      .executeTakeFirst();
    if (!anchor) return [];
    select = select.where((eb) =>
      eb.or([
        eb("created_at", "<", anchor.created_at),
        eb.and([eb("created_at", "=", anchor.created_at), eb("id", "<", anchor.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit)
    .execute();
  return rows.map(fromRow);
}

/**
 * The uploads among `ids` still shown: in the blocks of a post not deleted, of a version in
 * such a post's public history, in a blog's lead or hero, or as a person's picture (their
 * profile's, or a byline's on a post not deleted). An upload's id only ever appears
 * in its own paths (`/media/u/<id>/…`), absolute or not, so a LIKE on the stored JSON finds it.
 */
export async function uploadsInUse(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Set<string>> {
  const used = new Set<string>();
  for (const id of ids) {
    const shown = containing(`/media/u/${id}/`);
    const like = (column: string) => sql<boolean>`${sql.ref(column)} like ${shown} escape '\\'`;
    const post = await db
      .selectFrom("posts")
      .select("id")
      .where("deleted_at", "is", null)
      .where(like("blocks"))
      .limit(1)
      .executeTakeFirst();
    const version =
      post ??
      (await db
        .selectFrom("post_versions")
        .innerJoin("posts", (join) =>
          join
            .onRef("posts.id", "=", "post_versions.post_id")
            .onRef("posts.blog_id", "=", "post_versions.blog_id"),
        )
        .select("posts.id")
        .where("posts.deleted_at", "is", null)
        .where(like("post_versions.blocks"))
        .limit(1)
        .executeTakeFirst());
    const blog =
      version ??
      (await db
        .selectFrom("blogs")
        .select("id")
        .where((eb) => eb.or([like("intro"), like("hero")]))
        .limit(1)
        .executeTakeFirst());
    // A person's picture: their profile's, and the copy each byline of a standing post keeps.
    const person =
      blog ??
      (await db
        .selectFrom("users")
        .select("id")
        .where(like("avatar"))
        .limit(1)
        .executeTakeFirst()) ??
      (await db
        .selectFrom("posts")
        .select("id")
        .where("deleted_at", "is", null)
        .where(like("bylines"))
        .limit(1)
        .executeTakeFirst());
    if (person) used.add(id);
  }
  return used;
}

export async function deleteMedia(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("media").where("id", "=", id).execute();
}
