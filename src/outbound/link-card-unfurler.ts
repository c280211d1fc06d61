// Reads the link cards of a just-published post in the background of the process that
// published it: the publish has already answered. A few pages at a time, each through the
// guarded fetcher with a short time limit, then the cards go onto the post as the system
// (core/operations/link-cards.ts). A card's image is copied once, here, into the media store
// (link-card-image.ts); the linked site's own address for it is never kept or drawn.
// Nothing is kept across a restart: a card lost to a crash is
// read when the post is next edited. Several nodes are fine: each reads what it published.

import type { LinkCard } from "../core/content/blocks.js";
import type { LinkCardUnfurling } from "../core/link-cards.js";
import { attachLinkCards } from "../core/operations/link-cards.js";
import type { Newsroom } from "../core/ports.js";
import type { Post } from "../core/post.js";
import type { ImageUploads } from "../media/uploads.js";
import type { GuardedFetcher } from "./guarded-fetch.js";
import { unfurlLink } from "./link-card.js";
import { copyCardImage } from "./link-card-image.js";

interface Job {
  blogId: string;
  postId: string;
  urls: readonly string[];
}

export class LinkCardUnfurler implements LinkCardUnfurling {
  private readonly queue: Job[] = [];
  private running = 0;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly newsroom: Newsroom,
    /** A fetcher with a short time limit (a few seconds): a slow page only delays its card. */
    private readonly fetcher: GuardedFetcher,
    private readonly options: {
      /** Pages read at once. */
      concurrency?: number;
      /** Posts waiting at most; past it a post's links stay plain until its next edit. */
      maxQueued?: number;
      /** A card image on this site's own host is dropped (see http/own-origin.ts). */
      isOwnHost?: (host: string) => boolean;
      /** Where a card's image is processed and kept; without it, cards have no image. */
      images?: ImageUploads;
      onError?: (error: unknown) => void;
    } = {},
  ) {}

  unfurl(post: Post, links: readonly string[]): void {
    const urls = links.filter((url) => !isReservedName(url));
    if (urls.length === 0) return;
    if (this.closed || this.queue.length >= (this.options.maxQueued ?? 1000)) return;
    this.queue.push({ blogId: post.blogId, postId: post.id, urls });
    this.pump();
  }

  /** Resolves once nothing is being read or waiting (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what waits and waits for the pages being read (a shutdown). */
  close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    return this.idle();
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 2)) {
      const job = this.queue.shift();
      if (!job) break;
      this.running += 1;
      this.run(job)
        .catch((error) => this.options.onError?.(error))
        .finally(() => {
          this.running -= 1;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  private async run(job: Job): Promise<void> {
    const cards = new Map<string, LinkCard>();
    for (const url of job.urls) {
      const read = await unfurlLink(this.fetcher, url);
      if (!read) continue;
      const { image: remote, ...words } = read;
      const card: LinkCard = { url, ...words };
      const copy = remote && this.mayCopy(remote) ? await this.copyImage(remote) : null;
      if (copy) {
        card.image = copy.src;
        card.imageWidth = copy.width;
        card.imageHeight = copy.height;
      }
      cards.set(url, card);
    }
    const post = this.closed
      ? null
      : await attachLinkCards(this.newsroom, job.blogId, job.postId, cards);
    // A copy whose card was not put on the post (the link changed meanwhile) is nobody's.
    const kept = new Set(
      post?.blocks.map((block) => (block.type === "embed" ? block.card?.image : undefined)),
    );
    for (const card of cards.values()) {
      if (card.image && !kept.has(card.image)) await this.options.images?.discard(card.image);
    }
  }

  private mayCopy(image: string): boolean {
    return !isReservedName(image) && !this.options.isOwnHost?.(new URL(image).host.toLowerCase());
  }

  private copyImage(image: string) {
    const images = this.options.images;
    return images ? copyCardImage(this.fetcher, images, image) : Promise.resolve(null);
  }
}

/**
 * Names kept for examples and tests (RFC 2606, RFC 6761): no reader's page is there, so they
 * are never fetched (a test suite's sample links stay plain cards, online or not).
 */
function isReservedName(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return true;
  }
  return (
    /(^|\.)example\.(com|net|org)$/.test(host) ||
    /(^|\.)(example|test|invalid|localhost)$/.test(host)
  );
}
