// Short plain-text forms of content, for the places that cannot hold markup: meta
// descriptions, key-event links for untitled posts, JSON-LD headlines.

import { blocksToPlainText } from "../core/content/render.js";
import type { Post } from "../core/post.js";

/** The text cut at a word boundary to at most `max` characters, with an ellipsis if cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** What a post is called where it needs a name: its title, else the start of its words. */
export function postLabel(post: Pick<Post, "title" | "blocks">, max = 80): string {
  return post.title.trim() || excerpt(blocksToPlainText(post.blocks), max);
}
