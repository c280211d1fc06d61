// How a corrected post tells readers so: "Updated 14:32 CET" in its meta line (linking to its
// version history) and "Correction, 14:32 CET: …" above its body. live.js builds the same
// markup for posts that arrive live; keep the two in step (class names, order).

import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { fullDateTime, timeOfDay } from "./dates.js";
import { html, type SafeHtml } from "./html.js";
import { tHtml } from "./i18n/messages.js";
import { postPath } from "./urls.js";

export function historyPath(slug: string, postId: string): string {
  return `${postPath(slug, postId)}/history`;
}

/** Whether readers are told the post changed: its words changed after it was published. */
function edited(post: Post): post is Post & { contentUpdatedAt: string } {
  return post.status === "published" && Boolean(post.contentUpdatedAt);
}

/** "Updated 14:32 CET", linking to the post's earlier versions; nothing for an unedited post. */
export function renderUpdated(blog: Blog, post: Post): SafeHtml | false {
  if (!edited(post)) return false;
  const at = post.contentUpdatedAt;
  const time = html`<time datetime="${at}" title="${fullDateTime(at, blog)}">${timeOfDay(at, blog)}</time>`;
  return html`<a class="post-updated" href="${historyPath(blog.slug, post.id)}">${tHtml(blog.language, "post.updated", { time })}</a>`;
}

/** "Correction, 14:32 CET: the note", when an edit carried one. */
export function renderCorrection(blog: Blog, post: Post): SafeHtml | false {
  if (!edited(post) || !post.correction) return false;
  const { note, at } = post.correction;
  const time = html`<time datetime="${at}">${timeOfDay(at, blog)}</time>`;
  return html`<p class="post-correction"><strong>${tHtml(blog.language, "post.correction", { time })}</strong> ${note}</p>`;
}

/** The same notices above a feed entry's body: feed readers show no meta line of ours. */
export function renderFeedNotice(blog: Blog, post: Post): string {
  const updated = renderUpdated(blog, post);
  return String(html`${updated && html`<p>${updated}</p>`}${renderCorrection(blog, post)}`);
}
