// Tags on posts (core/tags.ts). `posts.tags` keeps a post's own list, in the desk's order and
// case, read with the row like its other fields. `post_tags` is what readers filter and count
// by: one row per tag of each published, undeleted post, with the post's published time, so
// "this blog's updates tagged kyiv, newest first" is one index range. The store rewrites a
// post's rows with every write of the post (sql/tags.ts), in the same transaction. Describes
// the schema as it was when written (see 0001).

import { type Kysely, type Migration, sql } from "kysely";

export const tags: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("posts")
      .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
      .execute();
    await db.schema
      .createTable("post_tags")
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id"))
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("tag", "text", (c) => c.notNull())
      .addColumn("published_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("post_tags_pkey", ["post_id", "slug"])
      .execute();
    await sql`create index post_tags_blog_slug_idx
      on post_tags (blog_id, slug, published_at desc, post_id desc)`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("post_tags").execute();
    await db.schema.alterTable("posts").dropColumn("tags").execute();
  },
};
