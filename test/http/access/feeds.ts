// Expected access to what travels beyond the reader page: a blog's feeds, the feed of all
// open blogs, and the oEmbed provider. All of it is public; drafts never show in any.

import { type AccessCase, blog, draftsOfTwo, post, publicPage } from "./cases.js";

const feed: AccessCase = {
  name: "a blog's feed",
  allowed: "everyone",
  ok: 200,
  prepare: async (f) => ({ params: { slug: await blog(f) } }),
};

export const FEED_ACCESS: Record<string, AccessCase[]> = {
  "GET /live/{slug}/feed.atom": [feed],
  "GET /live/{slug}/feed.rss": [feed],
  "GET /live/{slug}/feed.json": [
    feed,
    {
      name: "a blog with drafts: the same feed for all, without them",
      allowed: "everyone",
      ok: 200,
      prepare: async (f, self) => ({ params: { slug: (await draftsOfTwo(f, self)).slug } }),
      check: (seen) => {
        if (!Array.isArray(seen.json?.items)) throw new Error("not a JSON Feed");
        if (JSON.stringify(seen.json).includes("draft")) throw new Error("a draft in the feed");
      },
    },
  ],
  ...publicPage("/live/feed.atom"),
  "GET /oembed": [
    {
      name: "a permalink",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        const { id } = await post(f, slug, f.owner.token);
        return {
          query: `url=${encodeURIComponent(`${f.server.url}/live/${slug}/posts/${id}`)}`,
        };
      },
    },
    {
      name: "a colleague's draft: not found for anyone",
      allowed: "everyone",
      ok: 404,
      okCode: "post_not_found",
      prepare: async (f, self) => {
        const { slug, theirs } = await draftsOfTwo(f, self);
        return {
          query: `url=${encodeURIComponent(`${f.server.url}/live/${slug}/posts/${theirs.id}`)}`,
        };
      },
    },
  ],
};
