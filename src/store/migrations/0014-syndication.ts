// Syndication: a blog following another Dispatch blog. `blog_follows` holds each follow with
// the follower's progress through the source's events (written in the same transaction as the
// change an event made, so nothing is applied twice or missed) and the lease of the node that
// holds the source's stream; `syndicated_posts` maps each source post to the local post that
// stands for it; `posts.origin` marks a syndicated post with where it came from. Describes the
// schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const syndication: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("posts").addColumn("origin", "text").execute();
    await db.schema
      .createTable("blog_follows")
      .addColumn("blog_id", "text", (c) => c.primaryKey().references("blogs.id"))
      .addColumn("source_url", "text", (c) => c.notNull())
      .addColumn("source_title", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("key_events_only", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_by_name", "text", (c) => c.notNull())
      .addColumn("last_event_id", "integer")
      .addColumn("events_applied", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("connected_at", "text")
      .addColumn("last_error", "text")
      .addColumn("last_error_at", "text")
      .addColumn("last_event_at", "text")
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .execute();
    await db.schema
      .createTable("syndicated_posts")
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("source_url", "text", (c) => c.notNull())
      .addColumn("source_post_id", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("syndicated_posts_pkey", ["blog_id", "source_url", "source_post_id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("syndicated_posts").execute();
    await db.schema.dropTable("blog_follows").execute();
    await db.schema.alterTable("posts").dropColumn("origin").execute();
  },
};
