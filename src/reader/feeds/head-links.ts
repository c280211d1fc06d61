// The <link rel="alternate"> tags that let feed readers and oEmbed consumers find a blog's
// feeds and embed from its reader pages: the three feeds on every page of a blog, and the
// oEmbed discovery link for the page's own address (the blog, or the post's permalink); and
// on the index of blogs, the feed of all open blogs.

import type { Blog } from "../../core/blog.js";
import { html, type SafeHtml } from "../html.js";
import { absoluteUrl, blogPath, postPath } from "../urls.js";
import { ALL_BLOGS_FEED_PATH, FEED_TYPES, type FeedFormat, feedPath } from "./entries.js";

const FORMAT_NAMES: Record<FeedFormat, string> = {
  atom: "Atom",
  rss: "RSS",
  json: "JSON Feed",
};

/** Where the oEmbed endpoint describes `url`. */
export function oembedUrl(baseUrl: string, url: string): string {
  return absoluteUrl(baseUrl, `/oembed?url=${encodeURIComponent(url)}&format=json`);
}

export function distributionLinks(
  blog: Blog,
  baseUrl: string,
  options: { postId?: string; title?: string } = {},
): SafeHtml {
  const page = absoluteUrl(
    baseUrl,
    options.postId === undefined ? blogPath(blog.slug) : postPath(blog.slug, options.postId),
  );
  const feeds = (["atom", "rss", "json"] as const).map(
    (format) =>
      html`<link rel="alternate" type="${FEED_TYPES[format]}" title="${blog.title} (${FORMAT_NAMES[format]})" href="${absoluteUrl(baseUrl, feedPath(blog.slug, format))}">`,
  );
  return html`${feeds}
<link rel="alternate" type="application/json+oembed" title="${options.title ?? blog.title}" href="${oembedUrl(baseUrl, page)}">`;
}

/** The blog index's link to the feed of all open blogs. */
export function allBlogsFeedLink(baseUrl: string): SafeHtml {
  return html`<link rel="alternate" type="${FEED_TYPES.atom}" title="Live coverage (Atom)" href="${absoluteUrl(baseUrl, ALL_BLOGS_FEED_PATH)}">`;
}
