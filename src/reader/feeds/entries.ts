// What every feed says, whatever its format: the channel (a blog, or all open blogs) and its
// entries (published posts), with absolute links, the full body as safe HTML whose /media/
// addresses are made absolute, bylines, times, and each post's first image with the size of
// the file when it is one of our uploads. atom.ts, rss.ts and json-feed.ts only write it out.

import type { Blog } from "../../core/blog.js";
import { shownBylines } from "../../core/byline.js";
import { imagesOfBlock, isMediaPath } from "../../core/content/blocks.js";
import { blocksToPlainText } from "../../core/content/render.js";
import type { BoxFigure } from "../../core/figures.js";
import type { MediaStore } from "../../core/ports.js";
import type { Post } from "../../core/post.js";
import { renderSource, renderVerification } from "../attribution-view.js";
import { renderFeedNotice } from "../corrections-view.js";
import { latestTime } from "../dates.js";
import { excerpt, postLabel } from "../excerpt.js";
import { publishedTime } from "../post-view.js";
import { absoluteUrl, blogPath, postPath } from "../urls.js";
import { figuresEntry } from "./figures-entry.js";

/** How many posts a feed carries, newest first. */
export const FEED_SIZE = 50;

export const FEED_FORMATS = ["atom", "rss", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml",
  rss: "application/rss+xml",
  json: "application/feed+json",
};

export interface FeedAuthor {
  name: string;
  /** Absolute: a newsroom user's picture. */
  avatar?: string;
}

export interface FeedImage {
  url: string;
  /** A media type, when the file is ours or its name says it. */
  type?: string;
  /** Bytes: known only for files uploaded to Dispatch. */
  length?: number;
}

export interface FeedEntry {
  /** A tag: URI that never changes, whatever the blog's slug or the site's address. */
  id: string;
  url: string;
  title: string;
  /** The post's safe HTML, with the site's own addresses absolute. */
  html: string;
  /** The opening words, as plain text. */
  summary: string;
  authors: FeedAuthor[];
  published: string;
  updated: string;
  image?: FeedImage;
  /** The post's tags (core/tags.ts): Atom and RSS categories, JSON Feed's `tags`. */
  tags: string[];
  /** The blog the post belongs to: named in the feed of all blogs. */
  blog: { id: string; title: string; url: string; feedUrl: string };
}

export interface FeedChannel {
  id: string;
  title: string;
  subtitle: string;
  /** This feed's own URL, and the other formats of it. */
  selfUrl: string;
  alternates: { type: string; url: string }[];
  /** The reader page. */
  pageUrl: string;
  updated: string;
  language?: string;
  icon: string;
  logo?: string;
  entries: FeedEntry[];
}

/** A blog's feed of the posts given (published, newest first). */
export async function blogChannel(
  blog: Blog,
  posts: readonly Post[],
  options: {
    baseUrl: string;
    format: FeedFormat;
    media?: MediaStore;
    changedAt?: Date;
    /** The key figures box, which goes first as one entry of its own (figures-entry.ts). */
    figures?: readonly BoxFigure[];
  },
): Promise<FeedChannel> {
  const { baseUrl, format } = options;
  const entries = await Promise.all(posts.map((post) => feedEntry(blog, post, options)));
  const figures = figuresEntry(blog, options.figures ?? [], baseUrl);
  if (figures) entries.unshift(figures);
  return {
    id: tagUri(baseUrl, blog.createdAt, `blog/${blog.id}`),
    title: blog.title,
    subtitle: blog.summary,
    selfUrl: absoluteUrl(baseUrl, feedPath(blog.slug, format)),
    alternates: otherFormats(format).map((other) => ({
      type: FEED_TYPES[other],
      url: absoluteUrl(baseUrl, feedPath(blog.slug, other)),
    })),
    pageUrl: absoluteUrl(baseUrl, blogPath(blog.slug)),
    updated: latestTime(
      blog.updatedAt,
      ...(blog.lastChangeAt ? [blog.lastChangeAt] : []),
      ...(options.changedAt ? [options.changedAt.toISOString()] : []),
      ...entries.map((entry) => entry.updated),
    ),
    language: blog.language,
    icon: absoluteUrl(baseUrl, "/favicon.ico"),
    ...(blog.hero ? { logo: absoluteUrl(baseUrl, blog.hero.src) } : {}),
    entries,
  };
}

/** One post as a feed entry. */
export async function feedEntry(
  blog: Blog,
  post: Post,
  options: { baseUrl: string; media?: MediaStore },
): Promise<FeedEntry> {
  const { baseUrl } = options;
  const published = publishedTime(post);
  const image = post.blocks.flatMap(imagesOfBlock)[0];
  const entry: FeedEntry = {
    id: tagUri(baseUrl, post.createdAt, `post/${post.id}`),
    url: absoluteUrl(baseUrl, postPath(blog.slug, post.id)),
    title: postLabel(post, 110) || `Update: ${blog.title}`,
    // The correction notice and verification badge open the body and the source line closes
    // it, as on the page.
    html: absoluteHtml(
      `${renderFeedNotice(blog, post)}${renderVerification(post, blog.language) || ""}${post.html}${renderSource(post, blog.language) || ""}`,
      baseUrl,
    ),
    summary: excerpt(blocksToPlainText(post.blocks), 300),
    authors: shownBylines(post).map((byline) => ({
      name: byline.name,
      ...(byline.avatar ? { avatar: absoluteUrl(baseUrl, byline.avatar) } : {}),
    })),
    published,
    updated: latestTime(published, post.updatedAt),
    tags: post.tags ?? [],
    blog: {
      id: tagUri(baseUrl, blog.createdAt, `blog/${blog.id}`),
      title: blog.title,
      url: absoluteUrl(baseUrl, blogPath(blog.slug)),
      feedUrl: absoluteUrl(baseUrl, feedPath(blog.slug, "atom")),
    },
  };
  if (image) entry.image = await feedImage(image.src, baseUrl, options.media);
  return entry;
}

/** Where a blog's feed in `format` lives. */
export function feedPath(slug: string, format: FeedFormat): string {
  return `${blogPath(slug)}/feed.${format}`;
}

/** The feed of all open blogs. */
export const ALL_BLOGS_FEED_PATH = "/live/feed.atom";

function otherFormats(format: FeedFormat): FeedFormat[] {
  return FEED_FORMATS.filter((other) => other !== format);
}

/**
 * A tag: URI (RFC 4151) under the site's host, dated by when the thing began: it survives a
 * renamed slug, and unlike a URL it does not claim to be fetchable.
 */
export function tagUri(baseUrl: string, since: string, specific: string): string {
  return `tag:${new URL(baseUrl).hostname},${since.slice(0, 10)}:${specific}`;
}

/**
 * The body with the site's own addresses made absolute: a feed reader resolves nothing
 * against our origin. Our renderer writes every attribute double-quoted; the only relative
 * addresses it writes are /media/ files (in src, href and srcset).
 */
export function absoluteHtml(html: string, baseUrl: string): string {
  return html
    .replace(/\b(src|href)="\/(?!\/)/g, `$1="${baseUrl}/`)
    .replace(/\bsrcset="([^"]*)"/g, (_whole, set: string) => {
      const absolute = set.replace(/(^|,\s*)\/(?!\/)/g, `$1${baseUrl}/`);
      return `srcset="${absolute}"`;
    });
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

async function feedImage(src: string, baseUrl: string, media?: MediaStore): Promise<FeedImage> {
  const url = absoluteUrl(baseUrl, src);
  if (isMediaPath(src) && media) {
    const file = await media.get(src.slice("/media/".length)).catch(() => undefined);
    if (file) return { url, type: file.contentType, length: file.size };
  }
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  const type = extension ? IMAGE_TYPES[extension] : undefined;
  return type ? { url, type } : { url };
}
