// The audit log's query: a page read newest first, narrowed by who acted, which blog and which
// action, with what each entry's post is now (joined, deleted posts included: the log is for
// admins, and a deletion's sentence names what was deleted).

import type { Kysely } from "kysely";
import type { AuditAction, AuditListing, AuditQuery } from "../../core/audit.js";
import { blocksToPlainText } from "../../core/content/render.js";
import type { Post } from "../../core/post.js";
import type { Database } from "../schema.js";

/** Enough of a post's words to name it when it has no title. */
const TEXT_KEPT = 200;

export async function listAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditListing[]> {
  let select = db
    .selectFrom("audit_events as a")
    .leftJoin("posts as p", "p.id", "a.post_id")
    .selectAll("a")
    .select([
      "p.title as post_title",
      "p.blocks as post_blocks",
      "p.status as post_status",
      "p.author_name as post_author_name",
      "p.deleted_at as post_deleted_at",
    ]);
  if (query.actorId !== undefined) select = select.where("a.actor_id", "=", query.actorId);
  if (query.blogId !== undefined) select = select.where("a.blog_id", "=", query.blogId);
  if (query.action !== undefined) select = select.where("a.action", "=", query.action);
  if (query.before !== undefined) {
    const anchor = await db
      .selectFrom("audit_events")
      .select(["at", "id"])
      .where("id", "=", query.before)
      .executeTakeFirst();
    if (!anchor) return [];
    select = select.where((eb) =>
      eb.or([
        eb("a.at", "<", anchor.at),
        eb.and([eb("a.at", "=", anchor.at), eb("a.id", "<", anchor.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .limit(query.limit)
    .execute();
  return rows.map((row) => {
    const listing: AuditListing = {
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action as AuditAction,
      blogId: row.blog_id,
      postId: row.post_id,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    };
    if (row.post_title !== null && row.post_blocks !== null) {
      const blocks = JSON.parse(row.post_blocks) as Post["blocks"];
      listing.post = {
        title: row.post_title,
        text: blocksToPlainText(blocks).slice(0, TEXT_KEPT),
        status: row.post_status ?? "",
        authorName: row.post_author_name ?? "",
        deleted: row.post_deleted_at !== null,
      };
    }
    return listing;
  });
}
