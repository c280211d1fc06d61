// The SqlStore's part for blogs, their change log and the audit log: the blog's sequence bumped
// and the change written in one transaction. The hot queries live in ../hot-queries.ts.

import type { AuditEntry, AuditListing, AuditQuery } from "../../../core/audit.js";
import type { Blog } from "../../../core/blog.js";
import type { Change, ChangeBody } from "../../../core/change.js";
import { DomainError } from "../../../core/errors.js";
import type { AuditStore, BlogStore, ChangeStore } from "../../../core/ports.js";
import { listAudit } from "../audit.js";
import * as hot from "../hot-queries.js";
import { auditToRow, blogFields, blogFromRow, changeFromRow, changeToRow } from "../rows.js";
import type { SqlPart } from "./scope.js";

export function withBlogs<Base extends SqlPart>(base: Base) {
  return class BlogsPart extends base implements BlogStore, ChangeStore, AuditStore {
    async insertBlog(blog: Blog): Promise<void> {
      await this.#guardSlug(blog.slug, () =>
        this.db
          .insertInto("blogs")
          .values({ id: blog.id, ...blogFields(blog) })
          .execute(),
      );
    }

    async updateBlog(blog: Blog): Promise<void> {
      await this.#guardSlug(blog.slug, () =>
        this.db.updateTable("blogs").set(blogFields(blog)).where("id", "=", blog.id).execute(),
      );
    }

    async #guardSlug(slug: string, write: () => Promise<unknown>): Promise<void> {
      try {
        await write();
      } catch (error) {
        if (this.capabilities.isUniqueViolation(error, "blogs", "slug")) {
          throw new DomainError(
            "slug_taken",
            `The slug "${slug}" is already used by another blog`,
            {
              field: "slug",
            },
          );
        }
        throw error;
      }
    }

    async findBlogBySlug(slug: string): Promise<Blog | undefined> {
      const row = await this.first(hot.blogBySlug, { slug });
      return row && blogFromRow(row);
    }

    async findBlogById(id: string): Promise<Blog | undefined> {
      const row = await this.first(hot.blogById, { id });
      return row && blogFromRow(row);
    }

    async listBlogs(): Promise<Blog[]> {
      const rows = await this.db
        .selectFrom("blogs")
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(blogFromRow);
    }

    async lastSeq(blogId: string): Promise<number> {
      const row = await this.first(hot.blogSeq, { id: blogId });
      return row?.last_seq ?? 0;
    }

    async findBlogAt(
      slug: string,
    ): Promise<{ blog: Blog; seq: number; at: string | null } | undefined> {
      const row = await this.first(hot.blogBySlug, { slug });
      return row && { blog: blogFromRow(row), seq: row.last_seq, at: row.last_change_at };
    }

    /**
     * Bumping blogs.last_seq first makes the sequence gap-free and strictly increasing per blog.
     * On PostgreSQL the bump also takes the blog's row lock until commit, so writers to one blog
     * commit in sequence order and a reader never sees seq N+1 before N. Called outside a
     * transaction it opens one, so the bump and the change row are never separated. The
     * entity's earlier change is superseded in the same transaction: no replay, however
     * timed, reads both or neither.
     */
    async appendChange(blogId: string, at: string, body: ChangeBody): Promise<Change> {
      return this.inTransaction(async (db) => {
        const bumped = await this.first(hot.bumpBlogSeq, { id: blogId, at }, db);
        if (!bumped) throw new DomainError("blog_not_found", `No blog with the id ${blogId}`);
        const change: Change = { ...body, blogId, seq: bumped.last_seq, at };
        const row = changeToRow(change);
        await this.statements.run(db, hot.supersedeChanges, {
          blogId,
          entityId: row.entity_id,
          seq: change.seq,
        });
        await this.statements.run(db, hot.insertChange, row);
        return change;
      });
    }

    async listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]> {
      const rows = await this.db
        .selectFrom("changes")
        .selectAll()
        .where("blog_id", "=", blogId)
        .where("seq", ">", afterSeq)
        .where("superseded_by", "is", null)
        .orderBy("seq", "asc")
        .limit(limit)
        .execute();
      return rows.map(changeFromRow);
    }

    insertAudit(entry: AuditEntry): Promise<void> {
      return this.statements.run(this.db, hot.insertAuditEvent, auditToRow(entry)).then(() => {});
    }

    listAudit(query: AuditQuery): Promise<AuditListing[]> {
      return listAudit(this.db, query);
    }
  };
}
