// The Store contract for superseded changes, part of the suite in contract.ts (run on SQLite
// and PostgreSQL): the change log lists each post and the blog once, as it stands now, so
// words since deleted, corrected or unpublished never come back through a replay.

import { describe, expect, it } from "vitest";
import type { ChangeBody } from "../../src/core/change.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";

const AT = "2026-11-26T14:00:00.000Z";

export function describeSupersessionContract(store: () => DatabaseStore): void {
  async function seedBlog() {
    const author = makeUser();
    const blog = makeBlog();
    await store().insertUser(author);
    await store().insertBlog(blog);
    return { blog, author };
  }

  describe("the change log: superseded changes", () => {
    it("lists each post and the blog once, as it stands now, at its latest change", async () => {
      const { blog, author } = await seedBlog();
      const said = makePost(blog, author, { blocks: [{ type: "paragraph", text: "John Doe" }] });
      const other = makePost(blog, author);
      const corrected = { ...said, blocks: [{ type: "paragraph" as const, text: "Unnamed" }] };
      const bodies: ChangeBody[] = [
        { kind: "post", post: said },
        { kind: "post", post: other },
        { kind: "post", post: corrected },
        { kind: "blog", blog },
        { kind: "blog", blog: { ...blog, status: "closed", closedAt: AT } },
        { kind: "delete", postId: said.id },
      ];
      const changes = [];
      for (const body of bodies) changes.push(await store().appendChange(blog.id, AT, body));
      expect(changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await store().lastSeq(blog.id)).toBe(6);

      const current = [changes[1], changes[4], changes[5]];
      expect(await store().listChanges(blog.id, 0, 100)).toEqual(current);
      expect(JSON.stringify(await store().listChanges(blog.id, 0, 100))).not.toContain("John Doe");
      expect(await store().listChanges(blog.id, 0, 1)).toEqual([changes[1]]);
      expect(await store().listChanges(blog.id, 2, 100)).toEqual([changes[4], changes[5]]);
      expect(await store().listChanges(blog.id, 5, 100)).toEqual([changes[5]]);
      expect(await store().listChanges(blog.id, 6, 100)).toEqual([]);
    });

    it("keeps the earlier change current when the change that would supersede it rolls back", async () => {
      const { blog, author } = await seedBlog();
      const post = makePost(blog, author);
      const first = await store().appendChange(blog.id, AT, { kind: "post", post });
      await expect(
        store().transaction(async (tx) => {
          await tx.appendChange(blog.id, AT, { kind: "delete", postId: post.id });
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await store().listChanges(blog.id, 0, 100)).toEqual([first]);
      const edited = { ...post, version: 2 };
      const second = await store().appendChange(blog.id, AT, { kind: "post", post: edited });
      expect(await store().listChanges(blog.id, 0, 100)).toEqual([second]);
    });
  });
}
