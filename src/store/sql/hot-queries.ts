// The queries behind every API request and every publish, compiled once (see prepared.ts).

import { sql } from "kysely";
import type { AuditEventsTable, ChangesTable, PostsTable } from "../schema.js";
import { prepared } from "./prepared.js";

/** The user holding an API token that is not revoked. */
export const userByTokenHash = prepared(["tokenHash"], (db, v: { tokenHash: string }) =>
  db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("users")
    .where("api_tokens.token_hash", "=", v.tokenHash)
    .where("api_tokens.revoked_at", "is", null),
);

export const blogBySlug = prepared(["slug"], (db, v: { slug: string }) =>
  db.selectFrom("blogs").selectAll().where("slug", "=", v.slug),
);

export const blogById = prepared(["id"], (db, v: { id: string }) =>
  db.selectFrom("blogs").selectAll().where("id", "=", v.id),
);

export const blogSeq = prepared(["id"], (db, v: { id: string }) =>
  db.selectFrom("blogs").select("last_seq").where("id", "=", v.id),
);

/**
 * Takes the blog's next change sequence and moves its last change time forward (never back:
 * a writer whose clock read came first may claim its sequence second, or run on a node whose
 * clock is behind, and a page's Last-Modified must never go back).
 */
export const bumpBlogSeq = prepared(["id", "at"], (db, v: { id: string; at: string }) =>
  db
    .updateTable("blogs")
    .set((eb) => ({
      last_seq: eb("last_seq", "+", 1),
      last_change_at: sql<string>`case when last_change_at is null or last_change_at < ${v.at} then ${v.at} else last_change_at end`,
    }))
    .where("id", "=", v.id)
    .returning("last_seq"),
);

/**
 * Every column of a table, as the compiler checks: a column added to the table's type fails
 * to compile until it is named here, so an insert can never leave one out.
 */
function allColumns<Table>(columns: Record<keyof Table & string, true>): (keyof Table & string)[] {
  return Object.keys(columns) as (keyof Table & string)[];
}

const POST_COLUMNS = allColumns<PostsTable>({
  id: true,
  blog_id: true,
  title: true,
  blocks: true,
  html: true,
  author_id: true,
  author_name: true,
  pinned: true,
  key_event: true,
  status: true,
  publish_at: true,
  published_at: true,
  created_at: true,
  updated_at: true,
  deleted_at: true,
  version: true,
  bylines: true,
  return_note: true,
  origin: true,
  source: true,
  verification: true,
  content_updated_at: true,
  correction: true,
  tags: true,
  search_text: true,
  search_author: true,
});

const CHANGE_COLUMNS = allColumns<ChangesTable>({
  blog_id: true,
  seq: true,
  at: true,
  kind: true,
  entity_id: true,
  body: true,
  superseded_by: true,
});

const AUDIT_COLUMNS = allColumns<AuditEventsTable>({
  id: true,
  at: true,
  actor_id: true,
  actor_name: true,
  action: true,
  blog_id: true,
  post_id: true,
  detail: true,
});

export const insertPost = prepared(POST_COLUMNS, (db, v: PostsTable) =>
  db.insertInto("posts").values(v),
);

export const insertChange = prepared(CHANGE_COLUMNS, (db, v: ChangesTable) =>
  db.insertInto("changes").values(v),
);

export const insertAuditEvent = prepared(AUDIT_COLUMNS, (db, v: AuditEventsTable) =>
  db.insertInto("audit_events").values(v),
);

/**
 * Marks the entity's earlier change superseded by change `seq`, so replays carry only what
 * the post (or blog) is now. One row at most: each change supersedes the one before it.
 */
export const supersedeChanges = prepared(
  ["blogId", "entityId", "seq"],
  (db, v: { blogId: string; entityId: string; seq: number }) =>
    db
      .updateTable("changes")
      .set({ superseded_by: v.seq })
      .where("blog_id", "=", v.blogId)
      .where("entity_id", "=", v.entityId)
      .where("superseded_by", "is", null)
      .where("seq", "<", v.seq),
);
