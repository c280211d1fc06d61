// The queries behind moving a blog out and in (core/operations/transfer/): every post of a
// blog at once, a post by id whatever its blog, and imported bylines' e-mails (migration 0015).

import type { Kysely } from "kysely";
import type { Post, PostStatus } from "../../core/post.js";
import type { Database } from "../schema.js";
import { postFromRow } from "./rows.js";

export async function listBlogPosts(
  db: Kysely<Database>,
  blogId: string,
  statuses: readonly PostStatus[],
): Promise<Post[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom("posts")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("status", "in", [...statuses])
    .where("deleted_at", "is", null)
    .execute();
  return rows.map(postFromRow);
}

export async function findPostAnywhere(
  db: Kysely<Database>,
  postId: string,
): Promise<Post | undefined> {
  const row = await db.selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirst();
  return row && postFromRow(row);
}

export async function listBylineEmails(
  db: Kysely<Database>,
  blogId: string,
): Promise<Map<string, (string | null)[]>> {
  const rows = await db
    .selectFrom("imported_byline_emails")
    .select(["post_id", "emails"])
    .where("blog_id", "=", blogId)
    .execute();
  return new Map(rows.map((row) => [row.post_id, JSON.parse(row.emails) as (string | null)[]]));
}

export async function saveBylineEmails(
  db: Kysely<Database>,
  blogId: string,
  postId: string,
  emails: (string | null)[] | null,
): Promise<void> {
  if (!emails) {
    await db.deleteFrom("imported_byline_emails").where("post_id", "=", postId).execute();
    return;
  }
  const value = JSON.stringify(emails);
  await db
    .insertInto("imported_byline_emails")
    .values({ post_id: postId, blog_id: blogId, emails: value })
    .onConflict((oc) => oc.column("post_id").doUpdateSet({ emails: value }))
    .execute();
}
