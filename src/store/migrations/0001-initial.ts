// The first schema: every table the Store needs, with the indexes its queries use. Types are
// the portable subset (text and integer) so both backends return the same JS values; see
// ../schema.ts. A migration never imports that interface: it describes the schema as it was
// when this migration was written, not as it is now.

import type { Kysely, Migration } from "kysely";

export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("users_email_key", ["email"])
      .execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .addUniqueConstraint("api_tokens_token_hash_key", ["token_hash"])
      .execute();

    await db.schema
      .createTable("blogs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("intro", "text", (c) => c.notNull())
      .addColumn("hero", "text")
      .addColumn("source_note", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("timezone", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("closed_at", "text")
      .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint("blogs_slug_key", ["slug"])
      .execute();

    // author_id is deliberately not a foreign key: a post keeps its byline (author_name)
    // even if the newsroom user behind it is later removed.
    await db.schema
      .createTable("posts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("blocks", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("author_id", "text", (c) => c.notNull())
      .addColumn("author_name", "text", (c) => c.notNull())
      .addColumn("pinned", "integer", (c) => c.notNull())
      .addColumn("key_event", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("publish_at", "text")
      .addColumn("published_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("deleted_at", "text")
      .addColumn("version", "integer", (c) => c.notNull())
      .execute();
    // The timeline: a blog's published posts newest first, paged by (published_at, id).
    await db.schema
      .createIndex("posts_timeline_idx")
      .on("posts")
      .columns(["blog_id", "status", "published_at desc", "id desc"])
      .execute();
    // The scheduler's scan across all blogs for scheduled posts whose time has come.
    await db.schema
      .createIndex("posts_due_idx")
      .on("posts")
      .columns(["status", "publish_at"])
      .execute();

    await db.schema
      .createTable("changes")
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("entity_id", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("changes_pkey", ["blog_id", "seq"])
      .execute();

    await db.schema
      .createTable("idempotency_keys")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("request_hash", "text", (c) => c.notNull())
      .addColumn("post_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pkey", ["user_id", "key"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["idempotency_keys", "changes", "posts", "blogs", "api_tokens", "users"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
