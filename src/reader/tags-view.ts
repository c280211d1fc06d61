// Tags as readers see them: a post's tags as links to the tagged view (`/live/:slug?tag=kyiv`),
// the blog's tags with their counts beside the key-events toggle, and the tagged view's
// heading with its way back to all updates. live.js builds the same post markup for posts
// that arrive live; keep the two in step. The words are the reader's `tags.*` messages.

import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { type TagCount, tagSlug } from "../core/tags.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";
import { blogPath } from "./urls.js";

/** The path of the tagged view, at a page of older updates when `before` is given. */
export function tagPath(slug: string, tag: string, before?: string): string {
  const query = new URLSearchParams({ tag: tagSlug(tag) });
  if (before) query.set("before", before);
  return `${blogPath(slug)}?${query}`;
}

/** "Tagged: Kyiv, Diplomacy" after the post's source line; nothing for a post without tags. */
export function renderPostTags(blog: Blog, post: Post): SafeHtml | false {
  const tags = post.tags ?? [];
  if (tags.length === 0) return false;
  return html`<p class="post-tags"><span class="post-tags-label">${t(blog.language, "tags.tagged")}:</span> ${tags.map(
    (tag, i) => html`${i > 0 && ", "}<a rel="tag" href="${tagPath(blog.slug, tag)}">${tag}</a>`,
  )}</p>`;
}

/** How many of the blog's tags the page lists, most used first: a long story gathers many. */
export const LISTED_TAGS = 30;

/** The blog's tags with how many updates carry each; the one being read marked current. */
export function renderTagList(blog: Blog, tags: readonly TagCount[], current?: string): SafeHtml {
  if (tags.length === 0) return html``;
  const listed = tags.slice(0, LISTED_TAGS);
  // The tag being read stays listed, however rarely used.
  const read = tags.find((tag) => tag.slug === current);
  if (read && !listed.includes(read)) listed.push(read);
  return html`<nav class="tag-list" aria-label="${t(blog.language, "tags.browse")}"><h2 class="tag-list-title">${t(blog.language, "tags.browse")}</h2><ul>${listed.map(
    (tag) =>
      html`<li><a href="${tagPath(blog.slug, tag.slug)}"${tag.slug === current && html` aria-current="page"`}>${tag.tag} <span class="tag-count" title="${t(blog.language, "tags.count", { count: tag.posts })}">(${tag.posts})</span></a></li>`,
  )}</ul></nav>`;
}

/** The tagged view's heading, "Updates tagged Kyiv", and the link back to every update. */
export function renderTaggedHeading(blog: Blog, tag: string): SafeHtml {
  return html`<h2 class="tagged-title">${t(blog.language, "tags.heading", { tag })}</h2>
<p class="view-toggle"><a href="${blogPath(blog.slug)}">${t(blog.language, "embed.allUpdates")}</a></p>`;
}

export function taggedTitle(blog: Blog, tag: string): string {
  return t(blog.language, "tags.title", { title: blog.title, tag });
}
