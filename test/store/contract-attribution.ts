// The Store contract for a post's source line and verification, part of the suite in
// contract.ts (run on SQLite and PostgreSQL): both survive the round trip, an update replaces
// or clears them, and a post without them reads back none.

import { describe, expect, it } from "vitest";
import type { Post } from "../../src/core/post.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";

export function describeAttributionContract(store: () => DatabaseStore): void {
  describe("source line and verification", () => {
    it("round-trips both, replaces and clears them", async () => {
      const author = makeUser();
      const blog = makeBlog();
      await store().insertUser(author);
      await store().insertBlog(blog);
      const sourced = makePost(blog, author, {
        source: { text: "via Reuters — «تقرير»", url: "https://www.reuters.com/world/" },
        verification: { state: "unconfirmed", note: "Видео не проверено" },
      });
      const plain = makePost(blog, author);
      await store().insertPost(sourced);
      await store().insertPost(plain);
      expect(await store().findPost(blog.id, sourced.id)).toEqual(sourced);
      const readPlain = await store().findPost(blog.id, plain.id);
      expect(readPlain?.source).toBeUndefined();
      expect(readPlain?.verification).toBeUndefined();

      const confirmed: Post = { ...sourced, verification: { state: "confirmed" }, version: 2 };
      expect(await store().updatePost(confirmed, 1)).toBe(true);
      expect((await store().findPost(blog.id, sourced.id))?.verification).toEqual({
        state: "confirmed",
      });
      const cleared: Post = { ...confirmed, source: null, verification: null, version: 3 };
      expect(await store().updatePost(cleared, 2)).toBe(true);
      const read = await store().findPost(blog.id, sourced.id);
      expect(read?.source).toBeUndefined();
      expect(read?.verification).toBeUndefined();
    });
  });
}
