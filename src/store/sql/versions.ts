// A post's public version history (migration 0017): the words it showed before each change
// after publishing (or when it was unpublished), written in the edit's transaction and
// deleted whole by a takedown.

import type { Kysely } from "kysely";
import type { PostSource } from "../../core/attribution.js";
import type { PostVersion } from "../../core/corrections.js";
import type { Database } from "../schema.js";

export async function insertPostVersion(db: Kysely<Database>, version: PostVersion): Promise<void> {
  await db
    .insertInto("post_versions")
    .values({
      id: version.id,
      blog_id: version.blogId,
      post_id: version.postId,
      title: version.title,
      blocks: JSON.stringify(version.blocks),
      html: version.html,
      shown_from: version.shownFrom,
      replaced_at: version.replacedAt,
      note: version.note,
      source: version.source ? JSON.stringify(version.source) : null,
    })
    .execute();
}

export async function listPostVersions(
  db: Kysely<Database>,
  blogId: string,
  postId: string,
): Promise<PostVersion[]> {
  const rows = await db
    .selectFrom("post_versions")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("post_id", "=", postId)
    .orderBy("replaced_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    blogId: row.blog_id,
    postId: row.post_id,
    title: row.title,
    blocks: JSON.parse(row.blocks) as PostVersion["blocks"],
    html: row.html,
    shownFrom: row.shown_from,
    replacedAt: row.replaced_at,
    note: row.note,
    source: row.source ? (JSON.parse(row.source) as PostSource) : null,
  }));
}

export async function deletePostVersion(
  db: Kysely<Database>,
  blogId: string,
  versionId: string,
): Promise<void> {
  await db
    .deleteFrom("post_versions")
    .where("blog_id", "=", blogId)
    .where("id", "=", versionId)
    .execute();
}

export async function deletePostVersions(
  db: Kysely<Database>,
  blogId: string,
  postId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("post_versions")
    .where("blog_id", "=", blogId)
    .where("post_id", "=", postId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every change about the post becomes a bare delete: its words leave the change log. */
export async function forgetPostWords(
  db: Kysely<Database>,
  blogId: string,
  postId: string,
): Promise<void> {
  await db
    .updateTable("changes")
    .set({ kind: "delete", body: JSON.stringify({ kind: "delete", postId }) })
    .where("blog_id", "=", blogId)
    .where("entity_id", "=", postId)
    .where("kind", "=", "post")
    .execute();
}
