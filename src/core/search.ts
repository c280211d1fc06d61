// Finding posts on the desk by their words, their author and their status. The store keeps a
// folded (lower-cased, whitespace-flattened) copy of each post's words and byline, written by
// these functions on every write, and folds the words asked for the same way, so a match is
// case-insensitive on every backend without relying on the database's own case rules.

import { blocksToPlainText } from "./content/render.js";
import type { Post } from "./post.js";

/** Lower-cased with runs of whitespace made one space: the form both sides of a match take. */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** What a words search looks in: the title and the body's text, folded. */
export function searchableText(post: Pick<Post, "title" | "blocks">): string {
  return foldForSearch(`${post.title}\n${blocksToPlainText(post.blocks)}`);
}

/**
 * What an author search looks in: who wrote the post and every name on its byline, folded, so
 * the desk finds a post published on a reporter's behalf, or under an agency, by either name.
 */
export function searchableAuthor(
  post: Pick<Post, "authorName"> & Partial<Pick<Post, "bylines">>,
): string {
  const names = [post.authorName, ...(post.bylines ?? []).map((byline) => byline.name)];
  return foldForSearch([...new Set(names)].join("\n"));
}

/** The distinct words of a query, folded; a post must hold every one of them. */
export function searchWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded ? [...new Set(folded.split(" "))] : [];
}
