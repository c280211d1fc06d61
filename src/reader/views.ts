// Views of a live blog for coverage that spans days: key events only
// (`/live/:slug?keyEvents=1`) and one day's archive (`/live/:slug/2022-01-07`, the day in the
// blog's zone). Their paths, the links between them, and the day's bounds as instants.

import type { Blog } from "../core/blog.js";
import { fromWallTime } from "../core/zoned-time.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";
import { blogPath } from "./urls.js";

export interface LiveView {
  /** Key events only. */
  keyEvents?: boolean;
  /** One day in the blog's zone, "2022-01-07". */
  day?: string;
  /** Updates with one tag (tags-view.ts): its slug, and its words as the desk wrote them. */
  tag?: { slug: string; name: string };
}

export function dayPath(slug: string, day: string): string {
  return `${blogPath(slug)}/${day}`;
}

/** The path of a view, at a page of older updates when `before` is given. */
export function viewPath(slug: string, view: LiveView = {}, before?: string): string {
  const base = view.day ? dayPath(slug, view.day) : blogPath(slug);
  const query = new URLSearchParams();
  if (before) query.set("before", before);
  if (view.tag && !view.day) query.set("tag", view.tag.slug);
  else if (view.keyEvents && !view.day) query.set("keyEvents", "1");
  const search = query.toString();
  return search ? `${base}?${search}` : base;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a day in `timezone` starts and ends, [from, until); null for anything that is
 * not a calendar day.
 */
export function dayBounds(day: string, timezone: string): { from: string; until: string } | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  const from = fromWallTime(`${day}T00:00`, timezone);
  const until = fromWallTime(`${next.toISOString().slice(0, 10)}T00:00`, timezone);
  return from && until ? { from, until } : null;
}

/** The toggle between all updates and key events only, on the latest pages. */
export function renderViewToggle(blog: Blog, view: LiveView): SafeHtml {
  if (view.day || view.tag) return html``;
  return view.keyEvents
    ? html`<p class="view-toggle"><a href="${blogPath(blog.slug)}">${t(blog.language, "view.showAll")}</a></p>`
    : html`<p class="view-toggle"><a href="${viewPath(blog.slug, { keyEvents: true })}">${t(blog.language, "view.keyEventsOnly")}</a></p>`;
}

/** Links to the blogs before and after this one in a continuing story, when it names them. */
export function renderStoryLinks(blog: Blog): SafeHtml {
  const { previousBlog, nextBlog } = blog;
  if (!previousBlog && !nextBlog) return html``;
  return html`<nav class="story-links" aria-label="${t(blog.language, "story.label")}">${
    previousBlog &&
    html`<a class="story-previous" href="${blogPath(previousBlog)}">${t(blog.language, "story.previous")}</a>`
  }${nextBlog && html`<a class="story-next" href="${blogPath(nextBlog)}">${t(blog.language, "story.next")}</a>`}</nav>`;
}
