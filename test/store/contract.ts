// The Store contract: one suite every backend must pass, run by sqlite.test.ts and
// postgres.test.ts against a real database each. A behaviour belongs here when a newsroom
// would notice it going wrong on either backend.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Blog } from "../../src/core/blog.js";
import type { ChangeBody } from "../../src/core/change.js";
import { DomainError } from "../../src/core/errors.js";
import type { IdempotencyRecord } from "../../src/core/ports.js";
import type { Post } from "../../src/core/post.js";
import type { NewsroomUser } from "../../src/core/user.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { MIGRATION_NAMES } from "../../src/store/migrations/index.js";
import { makeBlog, makePost, makeToken, makeUser } from "../helpers/factories.js";
import { describeAttributionContract } from "./contract-attribution.js";
import { describeAuditContract } from "./contract-audit.js";
import { describeBylinesContract } from "./contract-bylines.js";
import { describeSupersessionContract } from "./contract-change-log.js";
import { describeFiguresContract } from "./contract-figures.js";
import { describeMediaContract } from "./contract-media.js";
import { describeSearchContract } from "./contract-search.js";
import { describeServerSecretsContract } from "./contract-secrets.js";
import { describeWebhooksContract } from "./contract-webhooks.js";

export interface OpenedStore {
  /** A store over an empty, not yet migrated database of its own. */
  store: DatabaseStore;
  /** Closes the store and removes the database. */
  cleanup(): Promise<void>;
}

const AT = "2026-11-26T14:00:00.000Z";

function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

/** Newest first by `time`, then by id, the order every timeline promises. */
function newestFirst(posts: Post[], time: (post: Post) => string): string[] {
  return [...posts]
    .sort((a, b) => {
      const [ta, tb] = [time(a), time(b)];
      if (ta !== tb) return ta < tb ? 1 : -1;
      return a.id < b.id ? 1 : -1;
    })
    .map((p) => p.id);
}

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore | undefined;
    let store: DatabaseStore;
    let appliedAtStart: string[];

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
      appliedAtStart = await store.migrate();
    });

    afterAll(async () => {
      await opened?.cleanup();
    });

    /** A blog (and its author) of its own, so tests sharing the database never collide. */
    async function seedBlog(
      overrides: Partial<Blog> = {},
    ): Promise<{ blog: Blog; author: NewsroomUser }> {
      const author = makeUser();
      const blog = makeBlog(overrides);
      await store.insertUser(author);
      await store.insertBlog(blog);
      return { blog, author };
    }

    async function insertPosts(posts: Post[]): Promise<void> {
      await store.transaction(async (tx) => {
        for (const post of posts) await tx.insertPost(post);
      });
    }

    describe("migrations", () => {
      it("applies the schema once; a second run applies nothing", async () => {
        expect(appliedAtStart).toEqual(MIGRATION_NAMES);
        expect(await store.migrate()).toEqual([]);
      });
    });

    describe("blogs", () => {
      it("round-trips every field, including the lead blocks and hero image", async () => {
        const { blog } = await seedBlog();
        expect(await store.findBlogBySlug(blog.slug)).toEqual(blog);
        expect(await store.findBlogById(blog.id)).toEqual(blog);
        expect(await store.lastSeq(blog.id)).toBe(0);
      });

      it("round-trips a blog without a hero image or lead", async () => {
        const { blog } = await seedBlog({ hero: null, intro: [] });
        const found = await store.findBlogById(blog.id);
        expect(found?.hero).toBeNull();
        expect(found).toEqual(blog);
      });

      it("updates a blog, for instance when it is closed", async () => {
        const { blog } = await seedBlog();
        const closed: Blog = {
          ...blog,
          title: "Storm Ciarán: the day after",
          status: "closed",
          hero: null,
          closedAt: minutesAfter(AT, 600),
          updatedAt: minutesAfter(AT, 600),
        };
        await store.updateBlog(closed);
        expect(await store.findBlogBySlug(blog.slug)).toEqual(closed);
      });

      it("lists blogs, newest first", async () => {
        const { blog: older } = await seedBlog({ createdAt: "2026-01-01T00:00:00.000Z" });
        const { blog: newer } = await seedBlog({ createdAt: "2026-01-02T00:00:00.000Z" });
        const ids = (await store.listBlogs()).map((b) => b.id);
        expect(ids).toContain(older.id);
        expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      });

      it("refuses a slug that is already taken, naming the field", async () => {
        const { blog } = await seedBlog();
        const rival = makeBlog({ slug: blog.slug });
        const error = await store.insertBlog(rival).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "slug_taken", field: "slug" });
        expect(await store.findBlogById(rival.id)).toBeUndefined();

        const { blog: other } = await seedBlog();
        await expect(store.updateBlog({ ...other, slug: blog.slug })).rejects.toMatchObject({
          code: "slug_taken",
        });
      });

      it("answers undefined and 0 for a blog that does not exist", async () => {
        expect(await store.findBlogBySlug("no-such-blog")).toBeUndefined();
        expect(await store.findBlogById("nope")).toBeUndefined();
        expect(await store.lastSeq("nope")).toBe(0);
      });
    });

    describe("users and tokens", () => {
      it("round-trips a user by email and by id, and counts users", async () => {
        const before = await store.countUsers();
        const user = makeUser({ role: "editor", passwordHash: "scrypt$abc" });
        await store.insertUser(user);
        expect(await store.findUserByEmail(user.email)).toEqual(user);
        expect(await store.findUserById(user.id)).toEqual(user);
        expect(await store.countUsers()).toBe(before + 1);
        expect(await store.findUserByEmail("nobody@newsroom.example")).toBeUndefined();
      });

      it("refuses a second user with the same email, naming the field", async () => {
        const user = makeUser();
        await store.insertUser(user);
        const error = await store
          .insertUser(makeUser({ email: user.email }))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "email_taken", field: "email" });
      });

      it("finds a token's user, but not through a revoked token", async () => {
        const user = makeUser();
        await store.insertUser(user);
        const live = makeToken(user);
        const revoked = makeToken(user, { revokedAt: AT });
        await store.insertToken(live);
        await store.insertToken(revoked);
        expect(await store.findUserByTokenHash(live.tokenHash)).toEqual(user);
        expect(await store.findUserByTokenHash(revoked.tokenHash)).toBeUndefined();
        expect(await store.findUserByTokenHash("unknown-hash")).toBeUndefined();
      });
    });

    describeBylinesContract(() => store);
    describeAttributionContract(() => store);
    describeSupersessionContract(() => store);
    describe("people", () => {
      it("writes a user's name, role, password and must-change mark, and reads them back", async () => {
        const user = makeUser({ role: "editor", passwordHash: "scrypt$old" });
        await store.insertUser(user);
        const reset = {
          ...user,
          name: "Renamed",
          role: "reporter" as const,
          passwordHash: "scrypt$temporary",
          mustChangePassword: true,
        };
        await store.updateUser(reset);
        expect(await store.findUserById(user.id)).toEqual(reset);
        expect((await store.listUsers()).find((u) => u.id === user.id)).toEqual(reset);
        const { mustChangePassword: _, ...chosen } = { ...reset, passwordHash: "scrypt$new" };
        await store.updateUser(chosen);
        expect(await store.findUserById(user.id)).toEqual(chosen);
      });

      it("names the active admins, leaving out disabled admins and other roles", async () => {
        const admin = makeUser({ role: "admin" });
        const disabled = makeUser({ role: "admin", disabledAt: AT });
        const editor = makeUser({ role: "editor" });
        for (const user of [admin, disabled, editor]) await store.insertUser(user);
        const admins = await store.transaction((tx) => tx.lockActiveAdmins());
        expect(admins).toContain(admin.id);
        expect(admins).not.toContain(disabled.id);
        expect(admins).not.toContain(editor.id);
      });

      it("makes two demotions of the last two admins take turns, so one sees the other's", async () => {
        const first = makeUser({ role: "admin" });
        const second = makeUser({ role: "admin" });
        await store.insertUser(first);
        await store.insertUser(second);
        // Each demotes its admin only while the other is still an admin: checked one after the
        // other, exactly one goes through; checked side by side, both would.
        const demote = (user: NewsroomUser, other: NewsroomUser) =>
          store.transaction(async (tx) => {
            const admins = await tx.lockActiveAdmins();
            await new Promise((resolve) => setTimeout(resolve, 100));
            if (!admins.includes(other.id)) return false;
            await tx.updateUser({ ...user, role: "editor" });
            return true;
          });
        const done = await Promise.all([demote(first, second), demote(second, first)]);
        expect(done.filter(Boolean)).toHaveLength(1);
        const roles = [await store.findUserById(first.id), await store.findUserById(second.id)];
        expect(roles.map((u) => u?.role).sort()).toEqual(["admin", "editor"]);
      });
    });

    describe("posts", () => {
      it("round-trips a post with its blocks, flags and times", async () => {
        const { blog, author } = await seedBlog();
        const post = makePost(blog, author, { title: "Sea wall breached", pinned: true });
        await store.insertPost(post);
        expect(await store.findPost(blog.id, post.id)).toEqual(post);
        const { blog: other } = await seedBlog();
        expect(await store.findPost(other.id, post.id)).toBeUndefined();
      });

      it("writes an edit only over the version it was based on", async () => {
        const { blog, author } = await seedBlog();
        const post = makePost(blog, author);
        await store.insertPost(post);

        const edited: Post = { ...post, title: "Corrected", keyEvent: true, version: 2 };
        expect(await store.updatePost(edited, 1)).toBe(true);
        expect(await store.findPost(blog.id, post.id)).toEqual(edited);

        const stale: Post = { ...post, title: "Lost update", version: 2 };
        expect(await store.updatePost(stale, 1)).toBe(false);
        expect(await store.findPost(blog.id, post.id)).toEqual(edited);
      });

      it("hides deleted posts from findPost and listPosts", async () => {
        const { blog, author } = await seedBlog();
        const kept = makePost(blog, author, { createdAt: AT });
        const gone = makePost(blog, author, { createdAt: minutesAfter(AT, 1) });
        await insertPosts([kept, gone]);
        const deleted = { ...gone, deletedAt: minutesAfter(AT, 2), version: 2 };
        expect(await store.updatePost(deleted, 1)).toBe(true);

        expect(await store.findPost(blog.id, gone.id)).toBeUndefined();
        const listed = await store.listPosts({ blogId: blog.id, status: "published", limit: 10 });
        expect(listed.map((p) => p.id)).toEqual([kept.id]);
      });

      it("pages through 120 posts newest first, each exactly once, across tied times", async () => {
        const { blog, author } = await seedBlog();
        // 40 distinct times, three posts at each: the id breaks the ties.
        const published = Array.from({ length: 120 }, (_, i) =>
          makePost(blog, author, { createdAt: minutesAfter(AT, Math.floor(i / 3)) }),
        );
        const draft = makePost(blog, author, {
          status: "draft",
          publishedAt: null,
          createdAt: minutesAfter(AT, 5),
        });
        const deleted = makePost(blog, author, {
          createdAt: minutesAfter(AT, 7),
          deletedAt: minutesAfter(AT, 8),
        });
        await insertPosts([...published, draft, deleted]);

        const seen: string[] = [];
        let before: { publishedAt: string; id: string } | undefined;
        for (let page = 0; page < 10; page++) {
          const posts = await store.listPosts({
            blogId: blog.id,
            status: "published",
            limit: 25,
            ...(before ? { before } : {}),
          });
          seen.push(...posts.map((p) => p.id));
          const last = posts.at(-1);
          if (posts.length < 25 || !last?.publishedAt) break;
          before = { publishedAt: last.publishedAt, id: last.id };
        }

        expect(seen).toHaveLength(120);
        expect(new Set(seen).size).toBe(120);
        expect(seen).toEqual(newestFirst(published, (p) => p.publishedAt!));
      });

      it("orders drafts by creation and scheduled posts by when they go out", async () => {
        const { blog, author } = await seedBlog();
        const drafts = [0, 2, 1].map((m) =>
          makePost(blog, author, {
            status: "draft",
            publishedAt: null,
            createdAt: minutesAfter(AT, m),
          }),
        );
        // Created in one order, going out in the other.
        const scheduled = [0, 1, 2].map((m) =>
          makePost(blog, author, {
            status: "scheduled",
            publishedAt: null,
            createdAt: minutesAfter(AT, m),
            publishAt: minutesAfter("2030-01-01T00:00:00.000Z", -m),
          }),
        );
        await insertPosts([...drafts, ...scheduled]);

        const listedDrafts = await store.listPosts({ blogId: blog.id, status: "draft", limit: 10 });
        expect(listedDrafts.map((p) => p.id)).toEqual(newestFirst(drafts, (p) => p.createdAt));
        const listedScheduled = await store.listPosts({
          blogId: blog.id,
          status: "scheduled",
          limit: 10,
        });
        expect(listedScheduled.map((p) => p.id)).toEqual(scheduled.map((p) => p.id));
      });

      it("filters by pinned and by key event", async () => {
        const { blog, author } = await seedBlog();
        const at = (m: number) => ({ createdAt: minutesAfter(AT, m) });
        const plain = makePost(blog, author, at(0));
        const pinned = makePost(blog, author, { ...at(1), pinned: true });
        const keyEvent = makePost(blog, author, { ...at(2), keyEvent: true });
        const both = makePost(blog, author, { ...at(3), pinned: true, keyEvent: true });
        const pinnedDeleted = makePost(blog, author, { ...at(4), pinned: true, deletedAt: AT });
        const pinnedDraft = makePost(blog, author, {
          ...at(5),
          pinned: true,
          status: "draft",
          publishedAt: null,
        });
        await insertPosts([plain, pinned, keyEvent, both, pinnedDeleted, pinnedDraft]);

        const ids = async (filter: { pinned?: boolean; keyEvent?: boolean }) =>
          (
            await store.listPosts({ blogId: blog.id, status: "published", limit: 10, ...filter })
          ).map((p) => p.id);
        expect(await ids({ pinned: true })).toEqual([both.id, pinned.id]);
        expect(await ids({ pinned: false })).toEqual([keyEvent.id, plain.id]);
        expect(await ids({ keyEvent: true })).toEqual([both.id, keyEvent.id]);
        expect(await ids({ pinned: true, keyEvent: false })).toEqual([pinned.id]);
        expect(
          (await store.listPosts({ blogId: blog.id, status: "published", pinned: true, limit: 1 }))
            .length,
        ).toBe(1);
      });

      it("lists scheduled posts whose time has come, oldest first, across blogs", async () => {
        // Times in 2001 so no other test's scheduled posts are due at `now`.
        const now = "2001-06-01T00:00:00.000Z";
        const { blog, author } = await seedBlog();
        const { blog: other } = await seedBlog();
        const scheduled = (b: Blog, publishAt: string, extra: Partial<Post> = {}) =>
          makePost(b, author, { status: "scheduled", publishedAt: null, publishAt, ...extra });
        const dueLater = scheduled(blog, "2001-03-01T00:00:00.000Z");
        const dueFirst = scheduled(other, "2001-01-01T00:00:00.000Z");
        const dueNow = scheduled(blog, now);
        const notYet = scheduled(blog, "2001-09-01T00:00:00.000Z");
        const deleted = scheduled(blog, "2001-02-01T00:00:00.000Z", { deletedAt: AT });
        const published = makePost(blog, author, { publishAt: "2001-02-01T00:00:00.000Z" });
        await insertPosts([dueLater, dueFirst, dueNow, notYet, deleted, published]);

        const due = await store.listDuePosts(now, 10);
        expect(due.map((p) => p.id)).toEqual([dueFirst.id, dueLater.id, dueNow.id]);
        expect(due[0]).toEqual(dueFirst);
        expect((await store.listDuePosts(now, 1)).map((p) => p.id)).toEqual([dueFirst.id]);
      });
    });

    describeSearchContract({ store: () => store, seedBlog, insertPosts });
    describeAuditContract({ store: () => store, seedBlog, insertPosts });
    describeMediaContract({ store: () => store });
    describeServerSecretsContract(() => store);
    describeWebhooksContract(() => store);
    describeFiguresContract(() => store);

    describe("the change log", () => {
      it("numbers each blog's changes 1, 2, 3… independently and keeps their bodies", async () => {
        const { blog: a, author } = await seedBlog();
        const { blog: b } = await seedBlog();
        const post = makePost(a, author);
        const bodies: [Blog, ChangeBody][] = [
          [a, { kind: "post", post }],
          [b, { kind: "blog", blog: b }],
          [a, { kind: "delete", postId: "another post" }],
          [a, { kind: "blog", blog: { ...a, status: "closed", closedAt: AT } }],
          [b, { kind: "delete", postId: "x" }],
        ];
        const changes = [];
        for (const [blog, body] of bodies) {
          changes.push(await store.appendChange(blog.id, AT, body));
        }
        expect(changes.map((c) => [c.blogId === a.id ? "a" : "b", c.seq])).toEqual([
          ["a", 1],
          ["b", 1],
          ["a", 2],
          ["a", 3],
          ["b", 2],
        ]);
        expect(changes[0]).toEqual({ kind: "post", post, blogId: a.id, seq: 1, at: AT });
        expect(await store.lastSeq(a.id)).toBe(3);
        expect(await store.lastSeq(b.id)).toBe(2);

        const aChanges = changes.filter((c) => c.blogId === a.id);
        expect(await store.listChanges(a.id, 0, 100)).toEqual(aChanges);
        expect(await store.listChanges(a.id, 1, 100)).toEqual(aChanges.slice(1));
        expect(await store.listChanges(a.id, 1, 1)).toEqual(aChanges.slice(1, 2));
        expect(await store.listChanges(a.id, 3, 100)).toEqual([]);
      });

      it("keeps the latest change's time with its sequence, never going back; blog edits leave it", async () => {
        const { blog } = await seedBlog();
        const position = async () => {
          const found = await store.findBlogAt(blog.slug);
          return { seq: found?.seq, at: found?.at };
        };
        expect(await position()).toEqual({ seq: 0, at: null });
        const later = minutesAfter(AT, 5);
        await store.appendChange(blog.id, AT, { kind: "delete", postId: "x" });
        await store.appendChange(blog.id, later, { kind: "delete", postId: "y" });
        expect(await position()).toEqual({ seq: 2, at: later });
        // A change whose time was read earlier but whose sequence came later keeps the time.
        await store.appendChange(blog.id, AT, { kind: "delete", postId: "z" });
        expect(await position()).toEqual({ seq: 3, at: later });
        expect((await store.findBlogById(blog.id))?.lastChangeAt).toBe(later);
        await store.updateBlog({
          ...blog,
          title: "Storm Ciarán: the clean-up",
          lastChangeAt: null,
        });
        const edited = await store.findBlogBySlug(blog.slug);
        expect(edited?.title).toBe("Storm Ciarán: the clean-up");
        expect(edited?.lastChangeAt).toBe(later);
      });

      it("refuses a change for a blog that does not exist", async () => {
        await expect(
          store.appendChange("no-such-blog", AT, { kind: "delete", postId: "x" }),
        ).rejects.toMatchObject({ code: "blog_not_found" });
      });

      it("gives 30 concurrent writers to one blog exactly the sequences 1..30", async () => {
        const { blog } = await seedBlog();
        const writers = Array.from({ length: 30 }, (_, i) =>
          store.transaction(async (tx) => {
            const change = await tx.appendChange(blog.id, AT, { kind: "delete", postId: `p${i}` });
            // Hold the transaction open a little, so writers really overlap.
            await new Promise((resolve) => setTimeout(resolve, i % 3));
            return change;
          }),
        );
        const changes = await Promise.all(writers);

        const expected = Array.from({ length: 30 }, (_, i) => i + 1);
        expect(changes.map((c) => c.seq).sort((x, y) => x - y)).toEqual(expected);
        expect(await store.lastSeq(blog.id)).toBe(30);
        const log = await store.listChanges(blog.id, 0, 100);
        expect(log.map((c) => c.seq)).toEqual(expected);
        // Each writer's change is stored under the sequence it was told.
        const bySeq = new Map(changes.map((c) => [c.seq, c]));
        for (const stored of log) expect(stored).toEqual(bySeq.get(stored.seq));
      });
    });

    describe("transactions", () => {
      it("commits the work and returns its result", async () => {
        const blog = makeBlog();
        const change = await store.transaction(async (tx) => {
          await tx.insertBlog(blog);
          return tx.appendChange(blog.id, AT, { kind: "blog", blog });
        });
        expect(change.seq).toBe(1);
        expect(await store.findBlogById(blog.id)).toEqual({ ...blog, lastChangeAt: AT });
        expect(await store.listChanges(blog.id, 0, 10)).toEqual([change]);
      });

      it("rolls back a change and its sequence when the work throws", async () => {
        const { blog } = await seedBlog();
        await store.appendChange(blog.id, AT, { kind: "blog", blog });
        await expect(
          store.transaction(async (tx) => {
            await tx.appendChange(blog.id, AT, { kind: "delete", postId: "x" });
            throw new Error("the desk changed its mind");
          }),
        ).rejects.toThrow("the desk changed its mind");

        expect(await store.lastSeq(blog.id)).toBe(1);
        expect((await store.listChanges(blog.id, 0, 10)).map((c) => c.seq)).toEqual([1]);
        const next = await store.appendChange(blog.id, AT, { kind: "delete", postId: "y" });
        expect(next.seq).toBe(2);
      });

      it("joins a nested transaction to the outer one, so both roll back together", async () => {
        const blog = makeBlog();
        await expect(
          store.transaction(async (tx) => {
            await tx.transaction((inner) => inner.insertBlog(blog));
            throw new Error("abandon");
          }),
        ).rejects.toThrow("abandon");
        expect(await store.findBlogById(blog.id)).toBeUndefined();
      });
    });

    describe("idempotency keys", () => {
      it("records a key once; a duplicate returns false and keeps the first record", async () => {
        const { blog, author } = await seedBlog();
        const record: IdempotencyRecord = {
          userId: author.id,
          key: "retry-1",
          blogId: blog.id,
          requestHash: "hash-a",
          postId: "post-a",
          createdAt: AT,
        };
        expect(await store.insertIdempotency(record)).toBe(true);
        expect(await store.findIdempotency(author.id, "retry-1")).toEqual(record);

        const duplicate = { ...record, requestHash: "hash-b", postId: "post-b" };
        expect(await store.insertIdempotency(duplicate)).toBe(false);
        expect(await store.findIdempotency(author.id, "retry-1")).toEqual(record);
        expect(await store.findIdempotency(author.id, "retry-2")).toBeUndefined();
      });

      it("forgets the keys recorded before a time, and only those", async () => {
        const { blog, author } = await seedBlog();
        const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T12:00:00.000Z`;
        for (const day of [1, 2, 3]) {
          await store.insertIdempotency({
            userId: author.id,
            key: `day-${day}`,
            blogId: blog.id,
            requestHash: "hash",
            postId: `post-${day}`,
            createdAt: at(day),
          });
        }
        expect(await store.deleteIdempotencyBefore(at(3))).toBe(2);
        expect(await store.findIdempotency(author.id, "day-1")).toBeUndefined();
        expect(await store.findIdempotency(author.id, "day-2")).toBeUndefined();
        expect((await store.findIdempotency(author.id, "day-3"))?.postId).toBe("post-3");
        expect(await store.deleteIdempotencyBefore(at(3))).toBe(0);
      });

      it("forgets one user's key, leaving the same key of another user", async () => {
        const { blog, author } = await seedBlog();
        const other = makeUser();
        await store.insertUser(other);
        for (const userId of [author.id, other.id]) {
          await store.insertIdempotency({
            userId,
            key: "shared-key",
            blogId: blog.id,
            requestHash: "hash",
            postId: `post-of-${userId}`,
            createdAt: AT,
          });
        }
        await store.forgetIdempotency(author.id, "shared-key");
        expect(await store.findIdempotency(author.id, "shared-key")).toBeUndefined();
        expect((await store.findIdempotency(other.id, "shared-key"))?.postId).toBe(
          `post-of-${other.id}`,
        );
      });

      it("leaves the transaction usable after a duplicate key", async () => {
        const { blog, author } = await seedBlog();
        const record: IdempotencyRecord = {
          userId: author.id,
          key: "retry-in-tx",
          blogId: blog.id,
          requestHash: "hash",
          postId: "post",
          createdAt: AT,
        };
        await store.insertIdempotency(record);
        const post = makePost(blog, author);
        await store.transaction(async (tx) => {
          expect(await tx.insertIdempotency(record)).toBe(false);
          await tx.insertPost(post);
        });
        expect(await store.findPost(blog.id, post.id)).toEqual(post);
      });
    });

    describe("sign-in attempts", () => {
      let keys = 0;
      const newKey = (kind: string) => `${kind}:${name}-${++keys}@contract.example`;

      it("records a key's attempt times, and forgets the key when none are left", async () => {
        const [email, address] = [newKey("email"), newKey("address")];
        await store.transaction(async (tx) => {
          const none = await tx.lockSignInAttempts([email, address], AT);
          expect([none.get(email), none.get(address)]).toEqual([[], []]);
          await tx.saveSignInAttempts(email, [1000, 2000], AT);
          await tx.saveSignInAttempts(address, [2000], AT);
        });
        const both = await store.transaction((tx) => tx.lockSignInAttempts([address, email], AT));
        expect([both.get(email), both.get(address)]).toEqual([[1000, 2000], [2000]]);
        const read = await store.readSignInAttempts([email, address, newKey("email")]);
        expect([...read.entries()].sort()).toEqual([
          [address, [2000]],
          [email, [1000, 2000]],
        ]);

        await store.transaction((tx) => tx.saveSignInAttempts(email, [], AT));
        const after = await store.transaction((tx) => tx.lockSignInAttempts([email], AT));
        expect(after.get(email)).toEqual([]);
      });

      it("keeps nothing a rolled-back transaction saved for a key", async () => {
        const email = newKey("email");
        await expect(
          store.transaction(async (tx) => {
            await tx.lockSignInAttempts([email], AT);
            await tx.saveSignInAttempts(email, [5], AT);
            throw new Error("refused");
          }),
        ).rejects.toThrow("refused");
        const after = await store.transaction((tx) => tx.lockSignInAttempts([email], AT));
        expect(after.get(email)).toEqual([]);
      });

      it("lets attempts on one key take turns, so none of 10 at once is lost", async () => {
        const email = newKey("email");
        const address = newKey("address");
        // Each attempt reads the count, waits a little (as a password check would not, but a
        // slow network might), and writes the count plus one.
        const attempts = Array.from({ length: 10 }, (_, i) =>
          store.transaction(async (tx) => {
            const times = (await tx.lockSignInAttempts([email, address], AT)).get(email) ?? [];
            await new Promise((resolve) => setTimeout(resolve, i % 3));
            await tx.saveSignInAttempts(email, [...times, i], AT);
          }),
        );
        await Promise.all(attempts);
        const times = (await store.transaction((tx) => tx.lockSignInAttempts([email], AT))).get(
          email,
        );
        expect([...(times ?? [])].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it("forgets keys with no attempt since a time, and only those", async () => {
        const [old, recent] = [newKey("email"), newKey("email")];
        await store.transaction(async (tx) => {
          await tx.lockSignInAttempts([old, recent], AT);
          await tx.saveSignInAttempts(old, [1], minutesAfter(AT, 10));
          await tx.saveSignInAttempts(recent, [2], minutesAfter(AT, 30));
        });
        expect(await store.deleteSignInAttemptsBefore(minutesAfter(AT, 20))).toBeGreaterThan(0);
        const left = await store.transaction((tx) => tx.lockSignInAttempts([old, recent], AT));
        expect([left.get(old), left.get(recent)]).toEqual([[], [2]]);
        await store.transaction(async (tx) => {
          await tx.saveSignInAttempts(old, [], AT);
          await tx.saveSignInAttempts(recent, [], AT);
        });
      });
    });
  });
}
