// The feed of all open blogs (GET /live/feed.atom): the newest posts across every live blog,
// each entry naming its blog in Atom's <source>. Kept in memory for at most a second and
// dropped at once when any blog changes on this node, so a deleted post leaves it at once
// here and within a second on every other node.

import { createHash } from "node:crypto";
import { listPosts } from "../../core/operations/read.js";
import type { MediaStore, Newsroom } from "../../core/ports.js";
import type { Post } from "../../core/post.js";
import { latestTime } from "../dates.js";
import { type EncodedBody, encodeRendered } from "../encoding.js";
import { publishedTime } from "../post-view.js";
import { absoluteUrl } from "../urls.js";
import { renderAtom } from "./atom.js";
import { ALL_BLOGS_FEED_PATH, FEED_SIZE, type FeedChannel, feedEntry } from "./entries.js";

export interface RenderedFeed extends EncodedBody {
  etag: string;
  lastModified: Date;
}

const KEEP_MS = 1000;
const MAX_ORIGINS = 20;

export class AllBlogsFeed {
  readonly #rendered = new Map<string, { feed: Promise<RenderedFeed>; at: number }>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly newsroom: Newsroom,
    private readonly media?: MediaStore,
  ) {
    this.#unsubscribe = newsroom.broadcaster.subscribe(() => this.#rendered.clear());
  }

  /** The feed with links under `baseUrl`, rendered at most once a second. */
  feed(baseUrl: string): Promise<RenderedFeed> {
    const kept = this.#rendered.get(baseUrl);
    if (kept && Date.now() - kept.at < KEEP_MS) return kept.feed;
    const feed = this.#render(baseUrl);
    this.#rendered.delete(baseUrl);
    this.#rendered.set(baseUrl, { feed, at: Date.now() });
    // Without PUBLIC_URL each origin a request names gets its own copy: keep only a few.
    for (const oldest of this.#rendered.keys()) {
      if (this.#rendered.size <= MAX_ORIGINS) break;
      this.#rendered.delete(oldest);
    }
    feed.catch(() => {
      if (this.#rendered.get(baseUrl)?.feed === feed) this.#rendered.delete(baseUrl);
    });
    return feed;
  }

  close(): void {
    this.#unsubscribe();
    this.#rendered.clear();
  }

  async #render(baseUrl: string): Promise<RenderedFeed> {
    const blogs = await this.newsroom.store.listBlogs();
    // Any blog's change (a closing blog leaves this feed) dates the feed.
    const changedAt = latestTime(
      "1970-01-01T00:00:00.000Z",
      ...blogs.map((blog) => blog.lastChangeAt ?? blog.updatedAt),
    );
    const live = blogs.filter((blog) => blog.status === "live");
    const pages = await Promise.all(
      live.map(async (blog) => ({
        blog,
        posts: (await listPosts(this.newsroom, blog, { limit: FEED_SIZE })).posts,
      })),
    );
    const newest = pages
      .flatMap(({ blog, posts }) => posts.map((post: Post) => ({ blog, post })))
      .sort((a, b) => Date.parse(publishedTime(b.post)) - Date.parse(publishedTime(a.post)))
      .slice(0, FEED_SIZE);
    const entries = await Promise.all(
      newest.map(({ blog, post }) =>
        feedEntry(blog, post, { baseUrl, ...(this.media ? { media: this.media } : {}) }),
      ),
    );
    const channel: FeedChannel = {
      id: `tag:${new URL(baseUrl).hostname},2026:live`,
      title: "Live coverage",
      subtitle: "The latest updates from every open live blog",
      selfUrl: absoluteUrl(baseUrl, ALL_BLOGS_FEED_PATH),
      alternates: [],
      pageUrl: absoluteUrl(baseUrl, "/live"),
      updated: latestTime(changedAt, ...entries.map((entry) => entry.updated)),
      icon: absoluteUrl(baseUrl, "/favicon.ico"),
      entries,
    };
    const body = Buffer.from(renderAtom(channel, { sources: true }), "utf8");
    const hash = createHash("sha256").update(body).digest("base64url").slice(0, 16);
    return {
      ...(await encodeRendered(body)),
      etag: `W/"live-${hash}"`,
      lastModified: new Date(changedAt),
    };
  }
}
