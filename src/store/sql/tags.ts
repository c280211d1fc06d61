// The tag index readers filter and count by (migration 0021): a post's `post_tags` rows are
// rewritten with every write of the post, in its transaction, and hold only what readers may
// see (published, undeleted), so a deleted or unpublished post leaves its tags' lists at once.

import type { Kysely } from "kysely";
import type { Post } from "../../core/post.js";
import { type TagCount, tagSlug } from "../../core/tags.js";
import type { Database } from "../schema.js";

export async function writePostTags(db: Kysely<Database>, post: Post): Promise<void> {
  await db.deleteFrom("post_tags").where("post_id", "=", post.id).execute();
  const readable = post.status === "published" && post.deletedAt === null && post.publishedAt;
  if (!readable || !post.tags?.length) return;
  const publishedAt = post.publishedAt as string;
  await db
    .insertInto("post_tags")
    .values(
      post.tags.map((tag) => ({
        blog_id: post.blogId,
        post_id: post.id,
        slug: tagSlug(tag),
        tag,
        published_at: publishedAt,
      })),
    )
    .execute();
}

/**
 * Each tag of the blog's readable posts with its count, most used first, then by slug. The
 * words shown are those of the tag's newest use, so a desk that recases "kyiv" to "Kyiv"
 * sees it spelled that way from its next post on.
 */
export async function listTags(db: Kysely<Database>, blogId: string): Promise<TagCount[]> {
  const rows = await db
    .selectFrom("post_tags")
    .select(["slug", "tag", "published_at"])
    .where("blog_id", "=", blogId)
    .orderBy("published_at", "desc")
    .orderBy("post_id", "desc")
    .execute();
  const bySlug = new Map<string, TagCount>();
  for (const row of rows) {
    const known = bySlug.get(row.slug);
    if (known) known.posts += 1;
    else bySlug.set(row.slug, { tag: row.tag, slug: row.slug, posts: 1 });
  }
  return [...bySlug.values()].sort(
    (a, b) => b.posts - a.posts || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
}
