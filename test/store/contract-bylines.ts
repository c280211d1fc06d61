// The Store contract for bylines and displayed time, part of the suite in contract.ts (run on
// SQLite and PostgreSQL): a post's bylines and a user's title and avatar survive the round
// trip, and moving a post's displayed time moves it in the timeline and its cursor pages.

import { describe, expect, it } from "vitest";
import type { Post } from "../../src/core/post.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";

const AT = "2026-11-26T14:00:00.000Z";
const minutesAfter = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

export function describeBylinesContract(store: () => DatabaseStore): void {
  async function seed() {
    const author = makeUser({ name: "Rana Reporter" });
    const blog = makeBlog();
    await store().insertUser(author);
    await store().insertBlog(blog);
    return { blog, author };
  }

  describe("bylines and displayed time", () => {
    it("round-trips a post's bylines; a post without any reads back none", async () => {
      const { blog, author } = await seed();
      const bylined = makePost(blog, author, {
        bylines: [
          {
            name: "Rana Reporter",
            title: "Middle East correspondent",
            avatar: "/media/u/r/480.webp",
            userId: author.id,
          },
          { name: "Reuters", kind: "organization" },
        ],
      });
      const plain = makePost(blog, author);
      await store().insertPost(bylined);
      await store().insertPost(plain);
      expect(await store().findPost(blog.id, bylined.id)).toEqual(bylined);
      expect((await store().findPost(blog.id, plain.id))?.bylines).toEqual([]);

      const edited: Post = {
        ...bylined,
        bylines: [{ name: "AP", kind: "organization" }],
        version: 2,
      };
      expect(await store().updatePost(edited, 1)).toBe(true);
      expect((await store().findPost(blog.id, bylined.id))?.bylines).toEqual(edited.bylines);
    });

    it("keeps a user's title and avatar, and forgets them when cleared", async () => {
      const user = makeUser({ title: "Gaza producer", avatar: "/media/u/g/480.webp" });
      await store().insertUser(user);
      expect(await store().findUserById(user.id)).toEqual(user);
      const { title: _t, avatar: _a, ...plain } = user;
      await store().updateUser({ ...plain, title: "Chief correspondent" });
      expect(await store().findUserById(user.id)).toEqual({
        ...plain,
        title: "Chief correspondent",
      });
      await store().updateUser(plain);
      expect(await store().findUserById(user.id)).toEqual(plain);
      expect((await store().listUsers()).find((u) => u.id === user.id)).toEqual(plain);
    });

    it("moves a backdated post in the timeline and across cursor pages", async () => {
      const { blog, author } = await seed();
      const posts = [0, 1, 2, 3].map((i) => makePost(blog, author, { createdAt: minutesAfter(i) }));
      for (const post of posts) await store().insertPost(post);
      const [first, , , newest] = posts as [Post, Post, Post, Post];
      // The newest post is moved to before the first: a field report written offline.
      const backdated = { ...newest, publishedAt: minutesAfter(-5), version: 2 };
      expect(await store().updatePost(backdated, 1)).toBe(true);

      const list = (before?: { publishedAt: string; id: string }) =>
        store().listPosts({
          blogId: blog.id,
          status: "published",
          limit: 2,
          ...(before ? { before } : {}),
        });
      const pageOne = await list();
      const last = pageOne.at(-1)!;
      const pageTwo = await list({ publishedAt: last.publishedAt!, id: last.id });
      expect([...pageOne, ...pageTwo].map((p) => p.id)).toEqual([
        posts[2]!.id,
        posts[1]!.id,
        first.id,
        newest.id,
      ]);
    });
  });
}
