// What search engines are given to find the coverage: a sitemap of every blog's reader page
// (with the time of its latest change), a Google News sitemap of the blogs active in the last
// two days, and robots.txt naming both. Written by hand; every value is XML-escaped.

import type { Blog } from "../core/blog.js";
import type { Publisher } from "./jsonld.js";
import { absoluteUrl, blogPath } from "./urls.js";

/** A sitemap holds at most 50,000 URLs (sitemaps.org); Google News at most 1,000. */
export const SITEMAP_MAX_URLS = 50_000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;
/** Google News takes articles published (here: updated) in the last two days. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Text for XML content or a quoted attribute. Characters XML 1.0 cannot carry at all (C0
 * controls but tab and newlines, lone surrogates, U+FFFE/FFFF) are dropped.
 */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/** When a blog last changed: its latest change, else its own last update. */
export function blogLastChange(blog: Blog): string {
  return blog.lastChangeAt ?? blog.updatedAt;
}

/** Every blog's reader page, most recently changed first. */
export function renderSitemap(blogs: readonly Blog[], baseUrl: string): string {
  const entries = [...blogs]
    .sort((a, b) => blogLastChange(b).localeCompare(blogLastChange(a)))
    .slice(0, SITEMAP_MAX_URLS)
    .map(
      (blog) =>
        `<url><loc>${escapeXml(absoluteUrl(baseUrl, blogPath(blog.slug)))}</loc>` +
        `<lastmod>${escapeXml(blogLastChange(blog))}</lastmod></url>`,
    );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`
  );
}

/** The blogs changed within `NEWS_WINDOW_MS` of `now`, as Google News sitemap entries. */
export function renderNewsSitemap(
  blogs: readonly Blog[],
  options: { baseUrl: string; publisher: Publisher; now: Date },
): string {
  const since = options.now.getTime() - NEWS_WINDOW_MS;
  const entries = [...blogs]
    .filter((blog) => Date.parse(blogLastChange(blog)) >= since)
    .sort((a, b) => blogLastChange(b).localeCompare(blogLastChange(a)))
    .slice(0, NEWS_SITEMAP_MAX_URLS)
    .map(
      (blog) =>
        `<url><loc>${escapeXml(absoluteUrl(options.baseUrl, blogPath(blog.slug)))}</loc>` +
        "<news:news><news:publication>" +
        `<news:name>${escapeXml(options.publisher.name)}</news:name>` +
        `<news:language>${escapeXml(newsLanguage(blog.language))}</news:language>` +
        "</news:publication>" +
        `<news:publication_date>${escapeXml(blog.createdAt)}</news:publication_date>` +
        `<news:title>${escapeXml(blog.title)}</news:title>` +
        "</news:news></url>",
    );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n` +
    `${entries.join("\n")}\n</urlset>\n`
  );
}

/**
 * Google News names a language by its ISO 639 code ("en", "ar"), except Chinese, which it
 * names with its script as zh-cn (Simplified) or zh-tw (Traditional).
 */
export function newsLanguage(tag: string): string {
  const parts = tag.toLowerCase().split(/[-_]/);
  const language = parts[0] ?? "";
  if (language !== "zh") return language;
  const traditional = parts.includes("hant") || parts.includes("tw") || parts.includes("hk");
  return traditional ? "zh-tw" : "zh-cn";
}

/** robots.txt: readers' pages open to crawlers, the newsroom's not; where the sitemaps are. */
export function renderRobots(baseUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /live",
    "Disallow: /admin",
    "Disallow: /api/desk",
    "",
    `Sitemap: ${absoluteUrl(baseUrl, "/sitemap.xml")}`,
    `Sitemap: ${absoluteUrl(baseUrl, "/news-sitemap.xml")}`,
    "",
  ].join("\n");
}
