// Rendered reader pages, kept in memory and invalidated by the change log: every page is
// rendered at a blog's change sequence and served as-is (or answered 304) until the sequence
// moves. The current sequence and the blog itself come from the live changes this node
// receives, re-checked against the store at most once per `recheckMs` per blog, so a burst of
// readers costs no database work and a lost broadcast is noticed within a second.

import { createHash } from "node:crypto";
import type { Blog } from "../core/blog.js";
import type { Change } from "../core/change.js";
import type { Newsroom } from "../core/ports.js";
import { encodeRendered } from "./encoding.js";

interface BlogState {
  blog: Blog;
  seq: number;
  /** When the sequence last moved (the latest change's time): the pages' Last-Modified. */
  changedAt: Date;
  checkedAt: number;
}

export interface CachedPage {
  /**
   * The page as UTF-8 bytes, encoded once when rendered: sending a 100 KB string made Node
   * encode it again for every request, which cost more than everything else the route does.
   */
  body: Buffer;
  /** The same bytes gzipped, once, for the readers whose browsers accept it. */
  gzipped: Buffer;
  /** And brotli'd, once, for the browsers (nearly all) that accept that. */
  brotli: Buffer;
  blogId: string;
  seq: number;
  etag: string;
  lastModified: Date;
}

export class PageCache {
  readonly #blogs = new Map<string, BlogState>();
  readonly #pages = new Map<string, CachedPage>();
  readonly #rendering = new Map<string, Promise<CachedPage>>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly newsroom: Newsroom,
    private readonly options: {
      maxPages?: number;
      recheckMs?: number;
      /** What else every page depends on (the asset URLs it loads); part of each ETag. */
      version?: string;
    } = {},
  ) {
    this.#unsubscribe = newsroom.broadcaster.subscribe((change) => this.#onChange(change));
  }

  /** The blog and its current sequence, or undefined when there is no such blog. */
  async blog(slug: string): Promise<BlogState | undefined> {
    const known = this.#blogs.get(slug);
    const now = Date.now();
    if (known && now - known.checkedAt < (this.options.recheckMs ?? 1000)) return known;
    const found = await this.newsroom.store.findBlogAt(slug);
    if (!found) {
      this.#blogs.delete(slug);
      return undefined;
    }
    const { blog, seq, at } = found;
    // The time of the latest change, as the database has it: the same on every node and
    // after a restart, so a CDN revalidating against any node sees one Last-Modified.
    const changedAt =
      known && known.seq === seq
        ? known.changedAt
        : later(known?.changedAt, at ? new Date(at) : new Date(now));
    const state = { blog, seq, changedAt, checkedAt: now };
    this.#blogs.set(slug, state);
    return state;
  }

  /**
   * The page already rendered for `slug` and `key`, if the blog's sequence is known to be
   * current (checked within `recheckMs`) and the page was rendered at it; else undefined, and
   * the caller takes the usual path. Synchronous: for answering without any framework.
   */
  peek(slug: string, key: string): CachedPage | undefined {
    const state = this.#blogs.get(slug);
    if (!state || Date.now() - state.checkedAt >= (this.options.recheckMs ?? 1000)) return;
    const page = this.#pages.get(pageKey(state, key));
    return page && page.seq === state.seq ? page : undefined;
  }

  /**
   * The blog's page named `pageName` (which of its pages, for which origin) at `state`'s
   * sequence, rendering it only when the sequence moved.
   */
  async page(
    pageName: string,
    state: BlogState,
    render: () => Promise<string>,
  ): Promise<CachedPage> {
    const key = pageKey(state, pageName);
    const cached = this.#pages.get(key);
    if (cached && cached.seq === state.seq) {
      // Refresh its place in the eviction order.
      this.#pages.delete(key);
      this.#pages.set(key, cached);
      return cached;
    }
    // Readers arriving together after a change share one render instead of each starting one.
    const renderKey = `${key}|${state.seq}`;
    const inFlight = this.#rendering.get(renderKey);
    if (inFlight) return inFlight;
    const rendering = this.#render(key, pageName, state, render).finally(() =>
      this.#rendering.delete(renderKey),
    );
    this.#rendering.set(renderKey, rendering);
    return rendering;
  }

  async #render(
    key: string,
    pageName: string,
    state: BlogState,
    render: () => Promise<string>,
  ): Promise<CachedPage> {
    // What the page is rendered at, taken before rendering: a change arriving meanwhile moves
    // `state`, and the page (read before it, perhaps) must not be filed under the newer one.
    const { seq, changedAt } = state;
    const html = await render();
    const body = Buffer.from(html, "utf8");
    const page: CachedPage = {
      ...(await encodeRendered(body)),
      blogId: state.blog.id,
      seq,
      // The blog, its sequence, and which page (and origin: its links differ) of which version.
      etag: `W/"${state.blog.id}-${seq}-${shortHash(`${pageName}|${this.options.version ?? ""}`)}"`,
      lastModified: changedAt,
    };
    this.#pages.delete(key);
    this.#pages.set(key, page);
    const max = this.options.maxPages ?? 500;
    while (this.#pages.size > max) {
      const oldest = this.#pages.keys().next().value;
      if (oldest === undefined) break;
      this.#pages.delete(oldest);
    }
    return page;
  }

  close(): void {
    this.#unsubscribe();
    this.#pages.clear();
    this.#blogs.clear();
  }

  #onChange(change: Change): void {
    for (const [slug, state] of this.#blogs) {
      if (state.blog.id !== change.blogId) continue;
      if (change.seq > state.seq) {
        state.seq = change.seq;
        state.changedAt = later(state.changedAt, new Date(change.at));
      }
      if (change.kind === "blog") {
        state.blog = change.blog;
        if (change.blog.slug !== slug) this.#blogs.delete(slug);
      }
    }
  }
}

/** The later of two times: a page's Last-Modified never goes back. */
function later(a: Date | undefined, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

/**
 * Where a blog's page is kept: under the blog's id (which a change of slug keeps), so that
 * blogs standing at the same sequence never share a page.
 */
function pageKey(state: BlogState, pageName: string): string {
  return `${state.blog.id}|${pageName}`;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 8);
}
