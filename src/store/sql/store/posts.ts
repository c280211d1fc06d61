// The SqlStore's part for posts: writing them with their tags and poll closings, the timeline,
// the desk's and readers' searches, a post's versions, Idempotency-Key records and a whole
// blog's posts for export and import. The queries live in ../timeline.ts, ../search.ts,
// ../reader-search.ts, ../versions.ts, ../idempotency.ts and ../transfer.ts.

import type { PostVersion } from "../../../core/corrections.js";
import type {
  CorrectionStore,
  IdempotencyRecord,
  IdempotencyStore,
  PostQuery,
  PostSearch,
  PostStore,
  PublishedSearch,
  TransferStore,
} from "../../../core/ports.js";
import type { Post, PostStatus } from "../../../core/post.js";
import type { TagCount } from "../../../core/tags.js";
import * as hot from "../hot-queries.js";
import * as idempotency from "../idempotency.js";
import * as pollClosings from "../poll-closings.js";
import { selectPublishedMatches } from "../reader-search.js";
import { postFields, postFromRow } from "../rows.js";
import { selectSearch } from "../search.js";
import * as tags from "../tags.js";
import { selectTimeline } from "../timeline.js";
import * as transfer from "../transfer.js";
import * as versions from "../versions.js";
import type { SqlPart } from "./scope.js";

export function withPosts<Base extends SqlPart>(base: Base) {
  return class PostsPart
    extends base
    implements PostStore, CorrectionStore, IdempotencyStore, TransferStore
  {
    async insertPost(post: Post): Promise<void> {
      await this.inTransaction(async (db) => {
        await this.statements.run(db, hot.insertPost, {
          id: post.id,
          blog_id: post.blogId,
          ...postFields(post),
        });
        await tags.writePostTags(db, post);
        await pollClosings.writePollClosings(db, post);
      });
    }

    async updatePost(post: Post, expectedVersion: number): Promise<boolean> {
      return this.inTransaction(async (db) => {
        const result = await db
          .updateTable("posts")
          .set(postFields(post))
          .where("id", "=", post.id)
          .where("blog_id", "=", post.blogId)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await tags.writePostTags(db, post);
        await pollClosings.writePollClosings(db, post);
        return true;
      });
    }

    async findPost(blogId: string, postId: string): Promise<Post | undefined> {
      const row = await this.db
        .selectFrom("posts")
        .selectAll()
        .where("id", "=", postId)
        .where("blog_id", "=", blogId)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      return row && postFromRow(row);
    }

    async listPosts(query: PostQuery): Promise<Post[]> {
      const rows = await selectTimeline(this.db, query).execute();
      return rows.map(postFromRow);
    }

    listTags(blogId: string): Promise<TagCount[]> {
      return tags.listTags(this.db, blogId);
    }

    async searchPosts(query: PostSearch): Promise<Post[]> {
      const rows = await selectSearch(this.db, query).execute();
      return rows.map(postFromRow);
    }

    async searchPublishedPosts(query: PublishedSearch): Promise<Post[]> {
      const rows = await selectPublishedMatches(this.db, this.capabilities, query).execute();
      return rows.map(postFromRow);
    }

    async listDuePosts(now: string, limit: number): Promise<Post[]> {
      const rows = await this.db
        .selectFrom("posts")
        .selectAll()
        .where("status", "=", "scheduled")
        .where("deleted_at", "is", null)
        .where("publish_at", "<=", now)
        .orderBy("publish_at", "asc")
        .orderBy("id", "asc")
        .limit(limit)
        .execute();
      return rows.map(postFromRow);
    }

    insertPostVersion(version: PostVersion): Promise<void> {
      return versions.insertPostVersion(this.db, version);
    }

    listPostVersions(blogId: string, postId: string): Promise<PostVersion[]> {
      return versions.listPostVersions(this.db, blogId, postId);
    }

    deletePostVersion(blogId: string, versionId: string): Promise<void> {
      return versions.deletePostVersion(this.db, blogId, versionId);
    }

    deletePostVersions(blogId: string, postId: string): Promise<number> {
      return versions.deletePostVersions(this.db, blogId, postId);
    }

    forgetPostWords(blogId: string, postId: string): Promise<void> {
      return versions.forgetPostWords(this.db, blogId, postId);
    }

    findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
      return idempotency.findIdempotency(this.db, userId, key);
    }

    insertIdempotency(record: IdempotencyRecord): Promise<boolean> {
      return idempotency.insertIdempotency(this.db, record);
    }

    forgetIdempotency(userId: string, key: string): Promise<void> {
      return idempotency.forgetIdempotency(this.db, userId, key);
    }

    deleteIdempotencyBefore(before: string): Promise<number> {
      return idempotency.deleteIdempotencyBefore(this.db, before);
    }

    listBlogPosts(blogId: string, statuses: readonly PostStatus[]): Promise<Post[]> {
      return transfer.listBlogPosts(this.db, blogId, statuses);
    }

    findPostAnywhere(postId: string): Promise<Post | undefined> {
      return transfer.findPostAnywhere(this.db, postId);
    }

    listBylineEmails(blogId: string): Promise<Map<string, (string | null)[]>> {
      return transfer.listBylineEmails(this.db, blogId);
    }

    saveBylineEmails(
      blogId: string,
      postId: string,
      emails: (string | null)[] | null,
    ): Promise<void> {
      return transfer.saveBylineEmails(this.db, blogId, postId, emails);
    }
  };
}
