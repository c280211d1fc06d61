// One event stream carrying several blogs: what a browser holding many tabs (a desk on three
// blogs, a reader with six live blogs open) keeps open instead of a stream per tab. Browsers
// allow six HTTP/1.1 connections per origin, and a stream holds one for hours.
//
// Each blog joins the hub (and, for the desk, the desk hub) exactly as a stream of its own
// would, through a tap: a stand-in for the connection that tags every event it passes on with
// its blog. An event's data gets a first line naming the blog (`data: SLUG`), so
// `event: post\nid: 7\ndata: {…}` arrives as data `SLUG\n{…}` with its name and id unchanged:
// the client splits at the first line break. Ids are each blog's own sequence, so a client
// resumes by naming each blog's last id in the URL (`?blogs=a:12,b:40`), not by
// Last-Event-ID. Once a blog is attached (replay written, live from here) the stream says so
// with `event: attached` (data `SLUG\nnull`): a list read after that misses nothing. A blog that
// does not exist is named in `event: unknown` and left out.
//
// A blog's stream ending (its channel dropped, the hub shutting down, a credential check
// failing) ends the whole connection: the client reconnects and resumes every blog.

import { EventEmitter } from "node:events";
import { Slug } from "../core/blog.js";
import type { EventSink, PendingStream } from "./sse.js";

/** More blogs than any desk or reader has open at once; beyond it, the answer is 400. */
export const MAX_SHARED_BLOGS = 24;

/** One blog wanted on a shared stream, and the last of its events the client has (or null). */
export interface WantedBlog {
  slug: string;
  after: number | null;
}

/**
 * The `blogs` query parameter: `slug` or `slug:N`, comma-separated. Null when it is missing,
 * malformed, repeats a blog or names too many: a clear 400 beats a stream of the wrong blogs.
 */
export function parseWantedBlogs(value: string | null | undefined): WantedBlog[] | null {
  if (!value) return null;
  const wanted: WantedBlog[] = [];
  const seen = new Set<string>();
  for (const entry of value.split(",")) {
    const [slug = "", after, ...rest] = entry.split(":");
    if (rest.length > 0 || !Slug.safeParse(slug).success || seen.has(slug)) return null;
    if (after !== undefined && !/^[0-9]{1,15}$/.test(after)) return null;
    seen.add(slug);
    wanted.push({ slug, after: after === undefined ? null : Number(after) });
  }
  return wanted.length > 0 && wanted.length <= MAX_SHARED_BLOGS ? wanted : null;
}

export const BAD_BLOGS_MESSAGE = `Name the blogs as blogs=SLUG or SLUG:LAST_ID, comma-separated, at most ${MAX_SHARED_BLOGS}, each once`;

/** Tags every event in `chunk` (whole SSE blocks, as the hubs write them) with `slug`. */
export function tagEvents(chunk: Buffer | string, slug: string): string {
  const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
  const blocks = text.split("\n\n");
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] ?? "";
    // Comments (heartbeats) and retry hints belong to the connection, not to a blog.
    if (block === "" || block.startsWith(":") || block.startsWith("retry:")) continue;
    blocks[i] = `data: ${slug}\n${block}`;
  }
  return blocks.join("\n\n");
}

/** The event that says a blog is attached: events before it were replayed, after it live. */
export function openedEvent(slug: string): string {
  return `event: attached\ndata: ${slug}\ndata: null\n\n`;
}

/** The event that says a blog wanted on the stream does not exist (and is left out). */
export function unknownEvent(slug: string): string {
  return `event: unknown\ndata: ${slug}\ndata: null\n\n`;
}

/**
 * A blog's stand-in for the shared connection. To the hub it is an EventSink (and, opened, a
 * PendingStream); to the desk hub a desk outlet. Flow control is the connection's: the hubs'
 * budgets read its backlog, and its `drain` wakes their replays.
 */
export class BlogTap extends EventEmitter implements EventSink, PendingStream {
  #ended = false;

  constructor(
    private readonly connection: EventSink,
    readonly slug: string,
  ) {
    super();
    // Several hubs listen to one tap; the default warning at ten would be noise.
    this.setMaxListeners(0);
  }

  get destroyed(): boolean {
    return this.#ended || this.connection.destroyed;
  }

  get writableLength(): number {
    return this.connection.writableLength;
  }

  /** The connection is already open; the hub's first bytes (the retry hint) are its own. */
  open(_first: Buffer): EventSink {
    return this;
  }

  write(chunk: Buffer | string): boolean {
    if (this.destroyed) return false;
    return this.connection.write(tagEvents(chunk, this.slug));
  }

  end(): void {
    this.connection.end();
  }

  destroy(): void {
    this.connection.destroy();
  }

  override on(event: string, listener: (...args: unknown[]) => void): this {
    if (event === "drain") this.connection.on("drain", listener);
    else super.on(event, listener);
    return this;
  }

  override once(event: string, listener: (...args: unknown[]) => void): this {
    if (event === "drain") this.connection.once("drain", listener);
    else super.once(event, listener);
    return this;
  }

  override off(event: string, listener: (...args: unknown[]) => void): this {
    if (event === "drain") this.connection.off("drain", listener);
    else super.off(event, listener);
    return this;
  }

  /** The connection closed: whoever joined through this tap leaves. */
  closed(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit("close");
  }
}

/** The taps of one shared connection, closed together when it closes. */
export function tapsOf(connection: EventSink, slugs: readonly string[]): BlogTap[] {
  const taps = slugs.map((slug) => new BlogTap(connection, slug));
  const gone = () => {
    for (const tap of taps) tap.closed();
  };
  connection.once("close", gone);
  // A reset connection errors before it closes; without a listener the error would crash us.
  connection.on("error", gone);
  return taps;
}
