// A reader's search within one blog: published posts only (the index holds nothing else),
// best match first, each with a snippet of its text around the words found. Public; the
// reader page and the API both call it.

import { z } from "zod";
import type { Blog } from "../blog.js";
import { blocksToPlainText } from "../content/render.js";
import type { Newsroom } from "../ports.js";
import type { Post } from "../post.js";
import { type Snippet, searchTerms, snippetOf } from "../reader-search.js";
import { parseQuery } from "../validation.js";

export const READER_SEARCH_LIMIT = 20;
export const MAX_READER_SEARCH_LIMIT = 50;
/** Pages of matches a reader may turn to: past them, a narrower search serves better. */
export const MAX_READER_SEARCH_PAGE = 50;

/** The query string of both search routes; the OpenAPI document is built from it too. */
export const ReaderSearchQuery = z.object({
  q: z
    .string()
    .max(200, "Search for at most 200 characters")
    .default("")
    .describe("Words each post must hold in its title or text, in any case"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_READER_SEARCH_LIMIT)
    .optional()
    .describe(`How many posts at most (default ${READER_SEARCH_LIMIT})`),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_READER_SEARCH_PAGE)
    .optional()
    .describe("Which page of matches, best first (default 1; each page `limit` posts)"),
});

export interface ReaderSearchHit {
  post: Post;
  snippet: Snippet;
}

export interface ReaderSearchResult {
  /** The words looked for; none when the query held no letters or digits. */
  words: string[];
  hits: ReaderSearchHit[];
  /** Which page of matches this is, and the next one's number when there are more. */
  page: number;
  next?: number;
  /** How many posts a page holds. */
  limit: number;
}

export async function searchCoverage(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  rawQuery: unknown,
): Promise<ReaderSearchResult> {
  const query = parseQuery(ReaderSearchQuery, rawQuery);
  const words = searchTerms(query.q);
  const limit = query.limit ?? READER_SEARCH_LIMIT;
  const page = query.page ?? 1;
  if (words.length === 0) return { words, hits: [], page, limit };
  // One more than a page holds: whether there is a next page, without counting every match.
  const posts = await newsroom.store.searchPublishedPosts({
    blogId: blog.id,
    words,
    limit: limit + 1,
    offset: (page - 1) * limit,
  });
  return {
    words,
    hits: posts.slice(0, limit).map((post) => ({
      post,
      snippet: snippetOf(`${post.title}\n${blocksToPlainText(post.blocks)}`, words),
    })),
    page,
    ...(posts.length > limit && page < MAX_READER_SEARCH_PAGE ? { next: page + 1 } : {}),
    limit,
  };
}
