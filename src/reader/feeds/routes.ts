// The feed routes: Atom, RSS and JSON Feed for every blog (GET /live/:slug/feed.atom|rss|json)
// and the Atom feed of all open blogs (GET /live/feed.atom). A blog's feeds are rendered once
// per change of its sequence (the reader's PageCache) and answered 304 while the reader's copy
// is current; a deleted post moves the sequence, so it leaves every feed with the next request.

import type { IncomingHttpHeaders } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Slug } from "../../core/blog.js";
import { DomainError } from "../../core/errors.js";
import { figuresBox } from "../../core/operations/figures.js";
import { listPosts } from "../../core/operations/read.js";
import type { MediaStore, Newsroom } from "../../core/ports.js";
import { cacheTagHeaders, SECURITY_HEADERS } from "../../http/headers.js";
import { requestOrigin } from "../../http/request-origin.js";
import { encoded, preferredEncoding } from "../encoding.js";
import { datable, isFresh } from "../freshness.js";
import { PageCache } from "../page-cache.js";
import { AllBlogsFeed, type RenderedFeed } from "./all-blogs.js";
import { renderAtom } from "./atom.js";
import {
  ALL_BLOGS_FEED_PATH,
  blogChannel,
  FEED_SIZE,
  FEED_TYPES,
  type FeedFormat,
} from "./entries.js";
import { renderJsonFeed } from "./json-feed.js";
import { renderRss } from "./rss.js";

export interface FeedDeps {
  newsroom: Newsroom;
  /** Uploaded files, for the size of an enclosure. */
  media?: MediaStore;
  publicUrl?: string;
}

/** As the reader pages: briefly cacheable, and purged by the CDN hook on every change. */
const FEED_CACHE = "public, max-age=5, stale-while-revalidate=30";
/** Bumped when the feeds' markup changes, so no client keeps an old rendering as current. */
const FEED_VERSION = "feeds-1";

const RENDER: Record<FeedFormat, typeof renderAtom> = {
  atom: (channel) => renderAtom(channel),
  rss: renderRss,
  json: renderJsonFeed,
};

export function registerFeedRoutes(app: FastifyInstance, deps: FeedDeps): void {
  const { newsroom, media } = deps;
  const publicUrl = deps.publicUrl?.replace(/\/+$/, "");
  const vary =
    publicUrl === undefined
      ? "Accept-Encoding, X-Forwarded-Host, X-Forwarded-Proto"
      : "Accept-Encoding";
  const baseUrlOf = (request: FastifyRequest) => publicUrl ?? requestOrigin(request);
  const cache = new PageCache(newsroom, { version: FEED_VERSION });
  const allBlogs = new AllBlogsFeed(newsroom, media);
  app.addHook("onClose", async () => {
    cache.close();
    allBlogs.close();
  });

  for (const format of ["atom", "rss", "json"] as const) {
    app.get<{ Params: { slug: string } }>(`/live/:slug/feed.${format}`, async (request, reply) => {
      const { slug } = request.params;
      const state = Slug.safeParse(slug).success ? await cache.blog(slug) : undefined;
      if (!state) throw new DomainError("blog_not_found", `No blog with the slug "${slug}"`);
      const baseUrl = baseUrlOf(request);
      const page = await cache.page(`feed.${format}|${baseUrl}`, state, async () => {
        const { posts } = await listPosts(newsroom, state.blog, { limit: FEED_SIZE });
        const figures = await figuresBox(newsroom.store, state.blog.id);
        const channel = await blogChannel(state.blog, posts, {
          baseUrl,
          format,
          changedAt: state.changedAt,
          figures,
          ...(media ? { media } : {}),
        });
        return RENDER[format](channel);
      });
      return sendFeed(request, reply, page, {
        type: FEED_TYPES[format],
        vary,
        tags: cacheTagHeaders(page.blogId),
      });
    });
  }

  app.get(ALL_BLOGS_FEED_PATH, async (request, reply) => {
    const feed = await allBlogs.feed(baseUrlOf(request));
    return sendFeed(request, reply, feed, { type: FEED_TYPES.atom, vary, tags: {} });
  });
}

function sendFeed(
  request: FastifyRequest,
  reply: FastifyReply,
  feed: RenderedFeed,
  options: { type: string; vary: string; tags: Record<string, string> },
): FastifyReply {
  const headers: Record<string, string> = {
    ETag: feed.etag,
    ...(datable(feed) ? { "Last-Modified": feed.lastModified.toUTCString() } : {}),
    "Cache-Control": FEED_CACHE,
    Vary: options.vary,
    // Feed readers running in a browser read feeds from other origins; nothing here is private.
    "Access-Control-Allow-Origin": "*",
    ...options.tags,
    ...SECURITY_HEADERS,
  };
  const asked: IncomingHttpHeaders = request.headers;
  if (isFresh(feed, asked["if-none-match"], asked["if-modified-since"])) {
    return reply.status(304).headers(headers).send();
  }
  const { bytes: body, headers: coding } = encoded(
    feed,
    preferredEncoding(asked["accept-encoding"]),
  );
  return reply
    .status(200)
    .headers({
      ...headers,
      "Content-Type": `${options.type}; charset=utf-8`,
      ...coding,
      "Content-Length": String(body.length),
    })
    .send(body);
}
