// The key figures box in a blog's feeds: one entry, "By the numbers", whose id never changes,
// so a feed reader shows a changed figure as that entry updated rather than as a new one. Its
// time is the latest change of a figure; its body each figure's label and every source's
// value with its unit, source and as-of time (the page's own wording, figures-view.ts, in the
// blog's language),
// without the earlier values a feed reader would show as clutter.

import type { Blog } from "../../core/blog.js";
import type { BoxFigure } from "../../core/figures.js";
import { latestTime } from "../dates.js";
import { renderValue } from "../figures-view.js";
import { html } from "../html.js";
import { t } from "../i18n/messages.js";
import { absoluteUrl, blogPath } from "../urls.js";
import { absoluteHtml, type FeedEntry, feedPath, tagUri } from "./entries.js";

/** The box as one feed entry, or null while the blog has no figures. */
export function figuresEntry(
  blog: Blog,
  figures: readonly BoxFigure[],
  baseUrl: string,
): FeedEntry | null {
  const [first, ...rest] = figures;
  if (!first) return null;
  const body = html`<dl>${figures.map(
    (figure) =>
      html`<dt>${figure.label}</dt>${figure.values.map((value) => html`<dd>${renderValue(value, blog)}</dd>`)}`,
  )}</dl>`;
  const blogId = tagUri(baseUrl, blog.createdAt, `blog/${blog.id}`);
  return {
    id: tagUri(baseUrl, blog.createdAt, `blog/${blog.id}/figures`),
    url: absoluteUrl(baseUrl, `${blogPath(blog.slug)}#figures`),
    title: `${t(blog.language, "figures.title")}: ${blog.title}`,
    html: absoluteHtml(String(body), baseUrl),
    summary: t(blog.language, "figures.feedSummary"),
    tags: [],
    // The box is the blog's, not a person's: the blog signs it.
    authors: [{ name: blog.title }],
    published: earliest(first.createdAt, ...rest.map((figure) => figure.createdAt)),
    updated: latestTime(first.updatedAt, ...rest.map((figure) => figure.updatedAt)),
    blog: {
      id: blogId,
      title: blog.title,
      url: absoluteUrl(baseUrl, blogPath(blog.slug)),
      feedUrl: absoluteUrl(baseUrl, feedPath(blog.slug, "atom")),
    },
  };
}

function earliest(first: string, ...rest: readonly string[]): string {
  return rest.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a), first);
}
