// The desk search's part of the Store contract (contract.ts runs it on every backend): words
// in the title and text in any case, the author, the status, a reporter's own drafts only,
// never a deleted post, and paging through mixed statuses newest first.

import { describe, expect, it } from "vitest";
import type { Blog } from "../../src/core/blog.js";
import type { PostSearch } from "../../src/core/ports.js";
import type { Post } from "../../src/core/post.js";
import { encodeCursor, sortTime } from "../../src/core/post.js";
import { foldForSearch, searchWords } from "../../src/core/search.js";
import type { NewsroomUser } from "../../src/core/user.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makePost, makeUser } from "../helpers/factories.js";

interface SearchFixture {
  store(): DatabaseStore;
  seedBlog(): Promise<{ blog: Blog; author: NewsroomUser }>;
  insertPosts(posts: Post[]): Promise<void>;
}

const AT = Date.parse("2026-11-26T14:00:00.000Z");
const minutes = (m: number) => new Date(AT + m * 60_000).toISOString();
const ALL: PostSearch["statuses"] = ["published", "draft", "scheduled", "submitted"];
const text = (words: string): Post["blocks"] => [{ type: "paragraph", text: words }];

export function describeSearchContract(fixture: SearchFixture): void {
  describe("desk search", () => {
    const search = async (blog: Blog, query: Partial<PostSearch>) =>
      (
        await fixture
          .store()
          .searchPosts({ blogId: blog.id, words: [], statuses: ALL, limit: 50, ...query })
      ).map((p) => p.id);

    it("finds words in the title or the text, in any case, every word needed", async () => {
      const { blog, author } = await fixture.seedBlog();
      const inTitle = makePost(blog, author, { title: "FLOODING in Truro", createdAt: minutes(1) });
      const inText = makePost(blog, author, {
        blocks: [
          { type: "paragraph", text: "Water rising at the **Truro** bridge." },
          { type: "list", ordered: false, items: ["Ferry suspended"] },
        ],
        createdAt: minutes(2),
      });
      const elsewhere = makePost(blog, author, { blocks: text("Sunny in Penzance") });
      await fixture.insertPosts([inTitle, inText, elsewhere]);

      expect(await search(blog, { words: searchWords("truro") })).toEqual([inText.id, inTitle.id]);
      expect(await search(blog, { words: searchWords("  Flooding   TRURO ") })).toEqual([
        inTitle.id,
      ]);
      expect(await search(blog, { words: searchWords("ferry") })).toEqual([inText.id]);
      // Markup is not text: the stars around Truro are not part of the words.
      expect(await search(blog, { words: searchWords("**truro") })).toEqual([]);
      expect(await search(blog, { words: searchWords("truro penzance") })).toEqual([]);
    });

    it("takes LIKE's own characters literally and matches accented words in any case", async () => {
      const { blog, author } = await fixture.seedBlog();
      const percent = makePost(blog, author, { blocks: text("Turnout up 50% on last year") });
      const under = makePost(blog, author, { blocks: text("Tag is storm_watch today") });
      const accented = makePost(blog, author, { title: "Élections à Zürich" });
      const plain = makePost(blog, author, { blocks: text("Turnout up 500 on stormXwatch") });
      await fixture.insertPosts([percent, under, accented, plain]);

      expect(await search(blog, { words: searchWords("50%") })).toEqual([percent.id]);
      expect(await search(blog, { words: searchWords("storm_watch") })).toEqual([under.id]);
      expect(await search(blog, { words: searchWords("ÉLECTIONS zürich") })).toEqual([accented.id]);
    });

    it("finds by part of the author's name and by status, and never a deleted post", async () => {
      const { blog, author } = await fixture.seedBlog();
      const other = makeUser({ name: "Zoë Okafor" });
      await fixture.store().insertUser(other);
      const hers = makePost(blog, other, { createdAt: minutes(1) });
      const herDraft = makePost(blog, other, {
        status: "draft",
        publishedAt: null,
        createdAt: minutes(2),
      });
      const theirs = makePost(blog, author, { createdAt: minutes(3) });
      const deleted = makePost(blog, other, { createdAt: minutes(4), deletedAt: minutes(5) });
      await fixture.insertPosts([hers, herDraft, theirs, deleted]);

      expect(await search(blog, { author: foldForSearch("OKAFOR") })).toEqual([
        herDraft.id,
        hers.id,
      ]);
      expect(await search(blog, { author: foldForSearch("zoë"), statuses: ["draft"] })).toEqual([
        herDraft.id,
      ]);
      expect(await search(blog, { statuses: ["published"] })).toEqual([theirs.id, hers.id]);
    });

    it("shows a reporter everyone's published and scheduled posts but only their own drafts and submissions", async () => {
      const { blog, author: me } = await fixture.seedBlog();
      const colleague = makeUser({ name: "Sam Colleague" });
      await fixture.store().insertUser(colleague);
      const post = (who: NewsroomUser, status: Post["status"], m: number) =>
        makePost(blog, who, {
          status,
          publishedAt: status === "published" ? minutes(m) : null,
          publishAt: status === "scheduled" ? minutes(1000 + m) : null,
          createdAt: minutes(m),
        });
      const mine = [post(me, "draft", 1), post(me, "submitted", 2)];
      const theirsShown = [post(colleague, "published", 3), post(colleague, "scheduled", 4)];
      const theirsHidden = [post(colleague, "draft", 5), post(colleague, "submitted", 6)];
      await fixture.insertPosts([...mine, ...theirsShown, ...theirsHidden]);

      const seen = await search(blog, { ownDraftsOf: me.id });
      expect(new Set(seen)).toEqual(new Set([...mine, ...theirsShown].map((p) => p.id)));
      expect(await search(blog, {})).toHaveLength(6);
    });

    it("pages through every status newest first by when each went out, is due or was started", async () => {
      const { blog, author } = await fixture.seedBlog();
      // 30 posts on 10 distinct times, three per time so the id breaks ties, across statuses.
      const statuses: Post["status"][] = ["published", "draft", "scheduled", "submitted"];
      const posts = Array.from({ length: 30 }, (_, i) => {
        const status = statuses[i % 4] as Post["status"];
        const time = minutes(Math.floor(i / 3));
        return makePost(blog, author, {
          status,
          title: `Harbour update ${i}`,
          publishedAt: status === "published" ? time : null,
          publishAt: status === "scheduled" ? time : null,
          // Creation time matters only for drafts and submissions; published and scheduled
          // posts were started long before they went out or are due.
          createdAt: status === "draft" || status === "submitted" ? time : minutes(-500),
        });
      });
      const noise = makePost(blog, author, { title: "Ferry news", createdAt: minutes(3) });
      await fixture.insertPosts([...posts, noise]);

      const seen: string[] = [];
      let before: PostSearch["before"];
      for (let page = 0; page < 10; page++) {
        const found = await fixture.store().searchPosts({
          blogId: blog.id,
          words: ["harbour"],
          statuses: ALL,
          limit: 7,
          ...(before ? { before } : {}),
        });
        seen.push(...found.map((p) => p.id));
        const last = found.at(-1);
        if (found.length < 7 || !last) break;
        // The cursor the API hands out: the post's sort time and id.
        const [time, id] = Buffer.from(encodeCursor(last), "base64url").toString().split("|");
        before = { publishedAt: time as string, id: id as string };
      }
      const expected = [...posts]
        .sort((a, b) => {
          const [ta, tb] = [sortTime(a), sortTime(b)];
          if (ta !== tb) return ta < tb ? 1 : -1;
          return a.id < b.id ? 1 : -1;
        })
        .map((p) => p.id);
      expect(seen).toEqual(expected);
    });

    it("keeps the words current when a post is edited", async () => {
      const { blog, author } = await fixture.seedBlog();
      const post = makePost(blog, author, { blocks: text("Bridge closed") });
      await fixture.insertPosts([post]);
      const edited: Post = { ...post, blocks: text("Bridge reopened"), version: 2 };
      expect(await fixture.store().updatePost(edited, 1)).toBe(true);

      expect(await search(blog, { words: ["reopened"] })).toEqual([post.id]);
      expect(await search(blog, { words: ["closed"] })).toEqual([]);
    });
  });
}
