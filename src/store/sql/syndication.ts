// Follows of other blogs and the posts they brought (see migration 0014). A follow's progress
// (the source's last applied event) only ever moves forward, and only in the transaction that
// applied the event, which is what makes replaying an event harmless. The stream's lease is a
// time on the row: a node takes it when it is free or expired, and renews it while it holds it.

import type { Kysely, Selectable } from "kysely";
import type { BlogFollow, FollowedSource } from "../../core/syndication.js";
import type { BlogFollowsTable, Database } from "../schema.js";

function fromRow(row: Selectable<BlogFollowsTable>): BlogFollow {
  return {
    blogId: row.blog_id,
    sourceUrl: row.source_url,
    sourceTitle: row.source_title,
    keyEventsOnly: row.key_events_only === 1,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: row.created_by_name },
    lastEventId: row.last_event_id === null ? null : Number(row.last_event_id),
    eventsApplied: Number(row.events_applied),
    connectedAt: row.connected_at,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    lastEventAt: row.last_event_at,
  };
}

export async function findFollow(
  db: Kysely<Database>,
  blogId: string,
): Promise<BlogFollow | undefined> {
  const row = await db
    .selectFrom("blog_follows")
    .selectAll()
    .where("blog_id", "=", blogId)
    .executeTakeFirst();
  return row && fromRow(row);
}

export async function listFollows(db: Kysely<Database>): Promise<BlogFollow[]> {
  const rows = await db.selectFrom("blog_follows").selectAll().orderBy("blog_id").execute();
  return rows.map(fromRow);
}

export async function saveFollow(db: Kysely<Database>, follow: BlogFollow): Promise<void> {
  const row = {
    source_url: follow.sourceUrl,
    source_title: follow.sourceTitle,
    key_events_only: follow.keyEventsOnly ? 1 : 0,
    created_at: follow.createdAt,
    created_by: follow.createdBy.id,
    created_by_name: follow.createdBy.name,
    last_event_id: follow.lastEventId,
    events_applied: follow.eventsApplied,
  };
  // The stream's lease and status stay with the row: the node holding it sees the change on
  // its next look and lets the old stream go.
  await db
    .insertInto("blog_follows")
    .values({ blog_id: follow.blogId, ...row })
    .onConflict((oc) => oc.column("blog_id").doUpdateSet(row))
    .execute();
}

export async function deleteFollow(db: Kysely<Database>, blogId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("blog_follows")
    .where("blog_id", "=", blogId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function takeFollowLease(
  db: Kysely<Database>,
  blogId: string,
  owner: string,
  now: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable("blog_follows")
    .set({ lease_owner: owner, lease_until: until })
    .where("blog_id", "=", blogId)
    .where((eb) =>
      eb.or([
        eb("lease_owner", "is", null),
        eb("lease_owner", "=", owner),
        eb("lease_until", "<", now),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function releaseFollowLease(
  db: Kysely<Database>,
  blogId: string,
  owner: string,
): Promise<void> {
  await db
    .updateTable("blog_follows")
    .set({ lease_owner: null, lease_until: null, connected_at: null })
    .where("blog_id", "=", blogId)
    .where("lease_owner", "=", owner)
    .execute();
}

export async function advanceFollow(
  db: Kysely<Database>,
  blogId: string,
  follow: FollowedSource,
  seq: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("blog_follows")
    .set((eb) => ({
      last_event_id: seq,
      last_event_at: at,
      events_applied: eb("events_applied", "+", 1),
    }))
    .where("blog_id", "=", blogId)
    .where("source_url", "=", follow.sourceUrl)
    .where("key_events_only", "=", follow.keyEventsOnly ? 1 : 0)
    .where((eb) => eb.or([eb("last_event_id", "is", null), eb("last_event_id", "<", seq)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function resumeFollowAt(
  db: Kysely<Database>,
  blogId: string,
  follow: FollowedSource,
  seq: number,
): Promise<void> {
  await db
    .updateTable("blog_follows")
    .set({ last_event_id: seq })
    .where("blog_id", "=", blogId)
    .where("source_url", "=", follow.sourceUrl)
    .where("key_events_only", "=", follow.keyEventsOnly ? 1 : 0)
    .where((eb) => eb.or([eb("last_event_id", "is", null), eb("last_event_id", "<", seq)]))
    .execute();
}

export async function recordFollowStatus(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
  status: {
    connectedAt?: string | null;
    error?: { message: string; at: string } | null;
    sourceTitle?: string;
  },
): Promise<void> {
  const set: Partial<BlogFollowsTable> = {};
  if (status.connectedAt !== undefined) set.connected_at = status.connectedAt;
  if (status.error !== undefined) {
    set.last_error = status.error?.message ?? null;
    set.last_error_at = status.error?.at ?? null;
  }
  if (status.sourceTitle !== undefined) set.source_title = status.sourceTitle;
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable("blog_follows")
    .set(set)
    .where("blog_id", "=", blogId)
    .where("source_url", "=", sourceUrl)
    .execute();
}

export async function findSyndicated(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
  sourcePostId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("syndicated_posts")
    .select("post_id")
    .where("blog_id", "=", blogId)
    .where("source_url", "=", sourceUrl)
    .where("source_post_id", "=", sourcePostId)
    .executeTakeFirst();
  return row?.post_id;
}

export async function listSyndicated(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
): Promise<{ sourcePostId: string; postId: string }[]> {
  const rows = await db
    .selectFrom("syndicated_posts")
    .select(["source_post_id", "post_id"])
    .where("blog_id", "=", blogId)
    .where("source_url", "=", sourceUrl)
    .execute();
  return rows.map((r) => ({ sourcePostId: r.source_post_id, postId: r.post_id }));
}

export async function saveSyndicated(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
  sourcePostId: string,
  postId: string,
): Promise<void> {
  await db
    .insertInto("syndicated_posts")
    .values({
      blog_id: blogId,
      source_url: sourceUrl,
      source_post_id: sourcePostId,
      post_id: postId,
    })
    .execute();
}

export async function forgetSyndicated(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
  sourcePostId: string,
): Promise<void> {
  await db
    .deleteFrom("syndicated_posts")
    .where("blog_id", "=", blogId)
    .where("source_url", "=", sourceUrl)
    .where("source_post_id", "=", sourcePostId)
    .execute();
}

export async function countSyndicated(
  db: Kysely<Database>,
  blogId: string,
  sourceUrl: string,
): Promise<number> {
  const row = await db
    .selectFrom("syndicated_posts")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("blog_id", "=", blogId)
    .where("source_url", "=", sourceUrl)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
