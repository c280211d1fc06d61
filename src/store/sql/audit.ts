// The audit log's query: a page read newest first.

import type { Kysely } from "kysely";
import type { AuditAction, AuditEntry } from "../../core/audit.js";
import type { Database } from "../schema.js";

export async function listAudit(
  db: Kysely<Database>,
  query: { before?: string; limit: number },
): Promise<AuditEntry[]> {
  let select = db.selectFrom("audit_events").selectAll();
  if (query.before !== undefined) {
    const anchor = await db
      .selectFrom("audit_events")
      .select(["at", "id"])
      .where("id", "=", query.before)
      .executeTakeFirst();
    if (!anchor) return [];
    select = select.where((eb) =>
      eb.or([
        eb("at", "<", anchor.at),
        eb.and([eb("at", "=", anchor.at), eb("id", "<", anchor.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action as AuditAction,
    blogId: row.blog_id,
    postId: row.post_id,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));
}
