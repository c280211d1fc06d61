// The timeline query: one status of a blog's posts, newest first, paged by a cursor. Shared
// by the public page, the pinned post and key events, and the newsroom's draft and
// scheduled lists.

import type { Kysely } from "kysely";
import type { PostQuery } from "../../core/ports.js";
import type { PostStatus } from "../../core/post.js";
import type { Database, PostsTable } from "../schema.js";

/** The time a list of posts of each status is ordered by, newest first. */
const TIMELINE = {
  published: "published_at",
  draft: "created_at",
  scheduled: "publish_at",
  submitted: "created_at",
} as const satisfies Record<PostStatus, keyof PostsTable>;

export function selectTimeline(db: Kysely<Database>, query: PostQuery) {
  const time = TIMELINE[query.status];
  const { before, pinned, keyEvent } = query;
  let select = db
    .selectFrom("posts")
    .selectAll()
    .where("blog_id", "=", query.blogId)
    .where("status", "=", query.status)
    .where("deleted_at", "is", null);
  if (before) {
    // The row value (time, id) < (before.publishedAt, before.id), spelled out because SQLite
    // and PostgreSQL agree on this form; ties on time are broken by id, as in the ORDER BY.
    select = select.where((eb) =>
      eb.or([
        eb(time, "<", before.publishedAt),
        eb.and([eb(time, "=", before.publishedAt), eb("id", "<", before.id)]),
      ]),
    );
  }
  if (pinned !== undefined) select = select.where("pinned", "=", pinned ? 1 : 0);
  if (keyEvent !== undefined) select = select.where("key_event", "=", keyEvent ? 1 : 0);
  if (query.publishedFrom !== undefined)
    select = select.where("published_at", ">=", query.publishedFrom);
  if (query.publishedUntil !== undefined)
    select = select.where("published_at", "<", query.publishedUntil);
  if (query.authorId !== undefined) select = select.where("author_id", "=", query.authorId);
  if (query.tag !== undefined) {
    const { blogId, tag } = query;
    select = select.where("id", "in", (eb) =>
      eb
        .selectFrom("post_tags")
        .select("post_id")
        .where("post_tags.blog_id", "=", blogId)
        .where("post_tags.slug", "=", tag),
    );
  }
  return select.orderBy(time, "desc").orderBy("id", "desc").limit(query.limit);
}
