// The CDN purge hook: when a blog's public state changes, the node that committed the change
// tells the CDN (PURGE_URL) which public paths to drop, and the blog's cache tag (which public
// answers carry as Surrogate-Key and Cache-Tag), so a corrected or retracted post leaves edge
// caches within a moment instead of living on until max-age runs out. Bursts are batched;
// failed calls are retried a few times and then logged, never blocking publishing.

import type { Change } from "../core/change.js";
import type { DeskEvent } from "../core/desk.js";
import type { Broadcaster, Store } from "../core/ports.js";
import { dayKey } from "../reader/dates.js";
import { ALL_BLOGS_FEED_PATH, FEED_FORMATS, feedPath } from "../reader/feeds/entries.js";
import { shareCardPath } from "../reader/share-card-route.js";
import { tagPath } from "../reader/tags-view.js";
import { blogCacheTag } from "./headers.js";

export interface PurgeOptions {
  url: string;
  store: Pick<Store, "findBlogById">;
  /** How long to gather changes into one call. */
  batchMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The public paths whose answers a change makes stale. With the blog's `timezone`, a post's
 * change names its day's archive too (a deletion's day is unknown: the blog's cache tag,
 * which every reader page carries, covers it).
 */
export function purgePaths(slug: string, change: Change, timezone?: string): string[] {
  // The embed's variants (options in the query) go by the blog's cache tag, sent with these.
  const blog = [
    `/live/${slug}`,
    `/live/${slug}/embed`,
    `/live/${slug}/lite`,
    `/api/blogs/${slug}/posts`,
    `/api/blogs/${slug}/changes`,
    // Feeds: each blog's three, and the feed of all open blogs.
    ...FEED_FORMATS.map((format) => feedPath(slug, format)),
    ALL_BLOGS_FEED_PATH,
    // Search engines and AMP: every change moves a sitemap's lastmod and the AMP page.
    `/live/${slug}/amp`,
    "/sitemap.xml",
    "/news-sitemap.xml",
    // Finding things: the key-events view and the readers' search.
    `/live/${slug}?keyEvents=1`,
    `/live/${slug}/search`,
    `/api/blogs/${slug}/search`,
    // Tags: their list with its counts; a tag's own view is named with the post that has it
    // (a tag an edit took away goes by the blog's cache tag).
    `/api/blogs/${slug}/tags`,
  ];
  switch (change.kind) {
    case "post": {
      const published = change.post.publishedAt;
      const day = published && timezone ? dayKey(published, { language: "en", timezone }) : null;
      return [
        ...blog,
        `/live/${slug}/posts/${change.post.id}`,
        `/api/blogs/${slug}/posts/${change.post.id}`,
        ...historyPaths(slug, change.post.id),
        shareCardPath(slug, change.post.id),
        ...(day ? [`/live/${slug}/${day}`] : []),
        ...(change.post.tags ?? []).map((tag) => tagPath(slug, tag)),
      ];
    }
    case "delete":
      return [
        ...blog,
        `/live/${slug}/posts/${change.postId}`,
        `/api/blogs/${slug}/posts/${change.postId}`,
        ...historyPaths(slug, change.postId),
        shareCardPath(slug, change.postId),
        // A takedown's images, every variant: the files are gone, their cached copies go too.
        ...(change.media ?? []),
      ];
    case "blog":
      return [...blog, `/api/blogs/${slug}`, "/api/blogs", "/live"];
    case "poll":
      // The results are written into the post's stored HTML and JSON.
      return [
        ...blog,
        `/live/${slug}/posts/${change.postId}`,
        `/api/blogs/${slug}/posts/${change.postId}`,
      ];
    case "comment":
    case "comment-removal":
      // The live page draws the comments; their JSON is read page by page.
      return [...blog, `/api/blogs/${slug}/comments`];
    case "figures":
      // A deleted figure's history goes with it; the change names no deleted ids, so the
      // box's routes are purged by the blog's cache tag as well as by these paths.
      return [
        ...blog,
        `/api/blogs/${slug}/figures`,
        `/live/${slug}/figures`,
        ...change.figures.map((figure) => `/api/blogs/${slug}/figures/${figure.id}/history`),
      ];
  }
}

/** A post's public version history, page and JSON: a correction adds to it, a takedown empties it. */
function historyPaths(slug: string, postId: string): string[] {
  return [`/live/${slug}/posts/${postId}/history`, `/api/blogs/${slug}/posts/${postId}/history`];
}

/** Wraps a broadcaster: every change this node publishes also purges the CDN. */
export class PurgingBroadcaster implements Broadcaster {
  readonly #pending = new Set<string>();
  /** Cache tags of the blogs changed since the last call (see cacheTagHeaders). */
  readonly #tags = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: Broadcaster,
    private readonly options: PurgeOptions,
  ) {}

  async publish(change: Change): Promise<void> {
    try {
      await this.inner.publish(change);
    } finally {
      // The change is committed whether or not the broadcast went out: caches drop it anyway.
      await this.#queue(change);
    }
  }

  async #queue(change: Change): Promise<void> {
    this.#tags.add(blogCacheTag(change.blogId));
    const blog =
      change.kind === "blog"
        ? change.blog
        : await this.options.store.findBlogById(change.blogId).catch(() => undefined);
    if (blog) {
      for (const path of purgePaths(blog.slug, change, blog.timezone)) this.#pending.add(path);
    }
    this.#timer ??= setTimeout(() => this.#flush(), this.options.batchMs ?? 50);
  }

  subscribe(listener: (change: Change) => void): () => void {
    return this.inner.subscribe(listener);
  }

  publishDesk(event: DeskEvent): Promise<void> {
    return this.inner.publishDesk(event);
  }

  subscribeDesk(listener: (event: DeskEvent) => void): () => void {
    return this.inner.subscribeDesk(listener);
  }

  async close(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#flush();
    }
    await this.#inFlight;
    await this.inner.close();
  }

  #flush(): void {
    this.#timer = undefined;
    const paths = [...this.#pending].sort();
    const tags = [...this.#tags].sort();
    this.#pending.clear();
    this.#tags.clear();
    if (paths.length === 0 && tags.length === 0) return;
    this.#inFlight = this.#inFlight.then(() => this.#send(paths, tags));
  }

  async #send(paths: string[], tags: string[]): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await fetch(this.options.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ paths, tags }),
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) return;
        throw new Error(`purge hook answered ${response.status}`);
      } catch (error) {
        if (attempt === 2) (this.options.onError ?? console.error)(error);
        else await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
