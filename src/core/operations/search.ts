// The desk's search: any post of a blog, found by words in its title or text, by its author
// and by its status, newest first and paged like the timeline. Newsroom only; a reporter finds
// everyone's published and scheduled posts but only their own drafts and submissions, as on
// the desk itself. Deleted posts are never found.

import { z } from "zod";
import { can, ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import { decodeCursor, encodeCursor, type PostStatus } from "../post.js";
import { foldForSearch, searchWords } from "../search.js";
import type { Actor } from "../user.js";
import { invalidQuery, parseQuery } from "../validation.js";
import { getBlog, type PostPage } from "./read.js";

const STATUSES = ["published", "draft", "scheduled", "submitted"] as const;
const STATUS_LIST = new RegExp(`^(${STATUSES.join("|")})(,(${STATUSES.join("|")}))*$`);

export const SEARCH_PAGE_SIZE = 50;

/** The search as the query string gives it; the OpenAPI document is built from it too. */
export const PostSearchQuery = z
  .object({
    q: z
      .string()
      .max(200, "Search for at most 200 characters")
      .optional()
      .describe("Words each post must hold in its title or text, in any case"),
    author: z
      .string()
      .max(100, "An author's name has at most 100 characters")
      .optional()
      .describe("Part of the author's name, in any case"),
    status: z
      .string()
      .regex(STATUS_LIST, `status is one or more of ${STATUSES.join(", ")}, separated by commas`)
      .optional()
      .describe("Comma-separated statuses to look in; every status when left out"),
    limit: z.coerce
      .number()
      .int("limit is a whole number")
      .min(1, "limit is at least 1")
      .max(200, "limit is at most 200")
      .optional()
      .describe(`Posts per page (default ${SEARCH_PAGE_SIZE})`),
    before: z
      .string()
      .max(200)
      .optional()
      .describe("The `next` of the previous page, for the page after it"),
  })
  .strict();

export async function searchPosts(
  newsroom: Pick<Newsroom, "store">,
  actor: Actor,
  slug: string,
  input: unknown,
): Promise<PostPage> {
  ensure(actor, "post.readDrafts");
  const query = parseQuery(PostSearchQuery, input);
  const blog = await getBlog(newsroom, slug);
  let before: ReturnType<typeof decodeCursor> | undefined;
  if (query.before !== undefined) {
    before = decodeCursor(query.before);
    if (!before) throw invalidQuery("before", "That page cursor is not valid");
  }
  const limit = query.limit ?? SEARCH_PAGE_SIZE;
  const author = foldForSearch(query.author ?? "");
  const statuses = query.status
    ? [...new Set(query.status.split(","))].map((s) => s as PostStatus)
    : [...STATUSES];
  const rows = await newsroom.store.searchPosts({
    blogId: blog.id,
    words: searchWords(query.q ?? ""),
    ...(author ? { author } : {}),
    statuses,
    ...(can(actor, "post.readOthersDrafts") ? {} : { ownDraftsOf: actor.id }),
    ...(before ? { before } : {}),
    limit: limit + 1,
  });
  const posts = rows.slice(0, limit);
  const last = posts[posts.length - 1];
  return rows.length > limit && last ? { posts, next: encodeCursor(last) } : { posts };
}
