// The audit log's part of the Store contract (contract.ts runs it on every backend): reading
// by person, blog and action, paging through a narrowed log, and each entry's post as it is
// now, a deleted post included and marked.

import { describe, expect, it } from "vitest";
import type { AuditAction, AuditEntry } from "../../src/core/audit.js";
import type { Blog } from "../../src/core/blog.js";
import { newId } from "../../src/core/ids.js";
import type { Post } from "../../src/core/post.js";
import type { NewsroomUser } from "../../src/core/user.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makePost, makeUser } from "../helpers/factories.js";

interface AuditFixture {
  store(): DatabaseStore;
  seedBlog(): Promise<{ blog: Blog; author: NewsroomUser }>;
  insertPosts(posts: Post[]): Promise<void>;
}

const AT = Date.parse("2026-11-27T09:00:00.000Z");
const minutes = (m: number) => new Date(AT + m * 60_000).toISOString();

export function describeAuditContract(fixture: AuditFixture): void {
  describe("audit log", () => {
    const entry = (
      m: number,
      actor: NewsroomUser | null,
      action: AuditAction,
      target: { blog?: Blog; post?: Post; detail?: Record<string, unknown> } = {},
    ): AuditEntry => ({
      id: newId(AT + m * 60_000),
      at: minutes(m),
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? "Dispatch",
      action,
      blogId: target.blog?.id ?? null,
      postId: target.post?.id ?? null,
      detail: target.detail ?? null,
    });

    /** Two blogs, two people and a few entries of theirs, apart from every other test's. */
    async function seedLog() {
      const store = fixture.store();
      const { blog: harbour, author: amira } = await fixture.seedBlog();
      const { blog: bridge } = await fixture.seedBlog();
      const bo = makeUser({ name: "Bo Lindqvist" });
      await store.insertUser(bo);
      const curfew = makePost(harbour, amira, { title: "Curfew from ten" });
      const untitled = makePost(harbour, amira, {
        title: "",
        blocks: [{ type: "paragraph", text: "Ferries **stopped** until noon." }],
      });
      const inspection = makePost(bridge, amira, { title: "Bridge inspection" });
      await fixture.insertPosts([curfew, untitled, inspection]);
      await store.updatePost({ ...inspection, deletedAt: minutes(3), version: 2 }, 1);
      const log = [
        entry(1, amira, "post.publish", { blog: harbour, post: curfew }),
        entry(2, bo, "post.edit", { blog: harbour, post: curfew, detail: { fields: ["title"] } }),
        entry(3, bo, "post.delete", {
          blog: bridge,
          post: inspection,
          detail: { title: "Bridge inspection" },
        }),
        entry(4, bo, "blog.close", { blog: bridge }),
        entry(5, amira, "post.draft", { blog: harbour, post: untitled }),
        entry(6, bo, "session.signout"),
      ];
      for (const e of log) await store.insertAudit(e);
      const ids = log.map((e) => e.id);
      return { store, harbour, bridge, amira, bo, curfew, inspection, ids };
    }

    it("reads what one person did, newest first", async () => {
      const { store, bo, ids } = await seedLog();
      const found = await store.listAudit({ actorId: bo.id, limit: 10 });
      expect(found.map((e) => e.id)).toEqual([ids[5], ids[3], ids[2], ids[1]]);
    });

    it("reads one blog's entries, and one action in it", async () => {
      const { store, harbour, bridge, ids } = await seedLog();
      const inHarbour = await store.listAudit({ blogId: harbour.id, limit: 10 });
      expect(inHarbour.map((e) => e.id)).toEqual([ids[4], ids[1], ids[0]]);
      const edits = await store.listAudit({ blogId: harbour.id, action: "post.edit", limit: 10 });
      expect(edits.map((e) => e.id)).toEqual([ids[1]]);
      const closes = await store.listAudit({ blogId: bridge.id, action: "blog.close", limit: 10 });
      expect(closes.map((e) => e.id)).toEqual([ids[3]]);
    });

    it("pages through a narrowed log without skipping or repeating", async () => {
      const { store, bo, bridge, ids } = await seedLog();
      const first = await store.listAudit({ actorId: bo.id, limit: 2 });
      expect(first.map((e) => e.id)).toEqual([ids[5], ids[3]]);
      const rest = await store.listAudit({ actorId: bo.id, limit: 10, before: first[1]?.id });
      expect(rest.map((e) => e.id)).toEqual([ids[2], ids[1]]);
      const both = await store.listAudit({ actorId: bo.id, blogId: bridge.id, limit: 10 });
      expect(both.map((e) => e.id)).toEqual([ids[3], ids[2]]);
    });

    it("gives each entry its post as it is now, a deleted one marked", async () => {
      const { store, harbour, bridge, amira, ids } = await seedLog();
      const [draft, , published] = await store.listAudit({ blogId: harbour.id, limit: 10 });
      expect(published?.id).toBe(ids[0]);
      expect(published?.post).toEqual({
        title: "Curfew from ten",
        text: expect.any(String),
        status: "published",
        authorName: amira.name,
        deleted: false,
      });
      expect(draft?.post).toMatchObject({ title: "", text: "Ferries stopped until noon." });
      const [closed, deleted] = await store.listAudit({ blogId: bridge.id, limit: 10 });
      expect(closed?.post).toBeUndefined();
      expect(deleted?.post).toMatchObject({ title: "Bridge inspection", deleted: true });
      expect(deleted?.detail).toEqual({ title: "Bridge inspection" });
    });
  });
}
