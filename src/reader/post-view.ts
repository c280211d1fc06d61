// One post as readers see it, and the stream of posts with its day dividers and the key-events
// list. live.js builds exactly this markup for posts that arrive live; keep the two in step
// (class names, data attributes, element order).

import type { AdSlots, Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import type { PostOrigin } from "../core/syndication.js";
import { adSlotAfter } from "./ad-slots-view.js";
import { renderSource, renderVerification } from "./attribution-view.js";
import { renderBylines } from "./bylines-view.js";
import { renderCorrection, renderUpdated } from "./corrections-view.js";
import { dayKey, dayLabel, fullDateTime, timeOfDay } from "./dates.js";
import { excerpt, postLabel } from "./excerpt.js";
import { html, raw, type SafeHtml } from "./html.js";
import { t, tHtml } from "./i18n/messages.js";
import { renderShare, renderShareLink } from "./share-view.js";
import { renderPostTags } from "./tags-view.js";
import { postPath } from "./urls.js";
import { dayPath } from "./views.js";

export function publishedTime(post: Post): string {
  return post.publishedAt ?? post.createdAt;
}

/**
 * An <article id="post-ID">. Its heading is the title, or for an untitled post a visually
 * hidden "Update at 14:05", so every post can be reached by heading navigation. Given the
 * page's base URL, it ends with the share control (share-view.ts), whose links are absolute:
 * compact in a stream, with the networks' links on the post's own page (`networks`).
 */
export function renderPostArticle(
  blog: Blog,
  post: Post,
  headingLevel: 1 | 2 = 2,
  shareBase?: string,
  networks = false,
): SafeHtml {
  const at = publishedTime(post);
  const time = timeOfDay(at, blog);
  const title = post.title.trim();
  const lang = blog.language;
  const heading =
    headingLevel === 1
      ? html`<h1 class="post-title">${title || t(lang, "post.updateAt", { time })}</h1>`
      : title
        ? html`<h2 class="post-title">${title}</h2>`
        : html`<h2 class="post-title visually-hidden">${t(lang, "post.updateAt", { time })}</h2>`;
  const classes = ["post", post.pinned ? "is-pinned" : "", post.keyEvent ? "is-key-event" : ""];
  return html`<article id="post-${post.id}" class="${classes.filter(Boolean).join(" ")}" data-published="${at}" data-version="${post.version}" tabindex="-1">${heading}<p class="post-meta"><a class="post-time" href="${postPath(blog.slug, post.id)}"><time datetime="${at}" title="${fullDateTime(at, blog)}">${time}</time></a><span class="ago" data-time="${at}"></span>${renderBylines(post, lang)}${post.pinned && html`<span class="label label-pinned">${t(lang, "post.pinned")}</span>`}${post.keyEvent && html`<span class="label label-key">${t(lang, "post.keyEvent")}</span>`}${post.origin && renderOrigin(post.origin, lang)}${renderUpdated(blog, post)}</p>${renderVerification(post, lang)}${renderCorrection(blog, post)}<div class="post-body">${raw(post.html)}</div>${renderSource(post, lang)}${renderPostTags(blog, post)}${shareBase !== undefined && (networks ? renderShare(blog, post, shareBase) : renderShareLink(blog, post))}</article>`;
}

/** A syndicated post's source: "From <a>Source blog</a>", linking to the post there. */
function renderOrigin(origin: PostOrigin, lang: string): SafeHtml {
  const source = html`<a href="${origin.url}">${origin.blog ?? origin.host}</a>`;
  return html`<span class="post-origin">${tHtml(lang, "post.from", { source })}</span>`;
}

/**
 * Posts newest first, with a day divider opening each day when they span more than one, each
 * with its share link (given the page's base URL) and, given the blog's rule, its ad slots.
 */
export function renderStream(
  blog: Blog,
  posts: readonly Post[],
  shareBase?: string,
  adSlots?: AdSlots | null,
): SafeHtml {
  const days = posts.map((post) => dayKey(publishedTime(post), blog));
  const divided = new Set(days).size > 1;
  return html`${posts.map(
    (post, i) =>
      html`${divided && days[i] !== days[i - 1] && renderDayDivider(blog, publishedTime(post))}${renderPostArticle(blog, post, 2, shareBase)}${adSlotAfter(blog, i, posts.length, adSlots)}`,
  )}`;
}

export function renderDayDivider(blog: Blog, iso: string): SafeHtml {
  const day = dayKey(iso, blog);
  return html`<h2 class="day-divider" data-day="${day}"><a href="${dayPath(blog.slug, day)}">${dayLabel(iso, blog)}</a></h2>`;
}

/**
 * The "Key events" list, newest first. Posts on this page are linked by fragment; key events
 * from older pages link to their permalink pages.
 */
export function renderKeyEvents(
  blog: Blog,
  keyEvents: readonly Post[],
  onPage: ReadonlySet<string>,
): SafeHtml {
  const items = keyEvents.map((post) => {
    const at = publishedTime(post);
    const time = timeOfDay(at, blog);
    const href = onPage.has(post.id) ? `#post-${post.id}` : postPath(blog.slug, post.id);
    const label = excerpt(postLabel(post), 80) || t(blog.language, "post.updateAt", { time });
    return html`<li id="key-${post.id}" data-published="${at}"><a href="${href}"><time datetime="${at}">${time}</time><span class="key-title">${label}</span></a></li>`;
  });
  return html`<nav id="key-events" class="key-events" aria-labelledby="key-events-title"${keyEvents.length === 0 && raw(" hidden")}><h2 id="key-events-title">${t(blog.language, "keyEvents.title")}</h2><ol>${items}</ol></nav>`;
}
