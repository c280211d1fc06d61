// Syndication: a blog following another Dispatch blog (on this instance or another) through
// that blog's public event stream. What a follow is, how a source address is read, and how a
// post that arrives from a source (untrusted input from another server) becomes blocks this
// newsroom would accept itself.

import { z } from "zod";
import {
  cleanSource,
  cleanVerification,
  type PostSource,
  PostSourceInput,
  sameSource,
  sameVerification,
  type Verification,
  VerificationInput,
} from "./attribution.js";
import { Slug } from "./blog.js";
import { Block, imagesOfBlock, isMediaPath } from "./content/blocks.js";
import { validationError } from "./errors.js";
import { withoutCardImage } from "./link-cards.js";
import type { Post } from "./post.js";
import { sameTags, TagsInput } from "./tags.js";
import { text } from "./text.js";

/** Where a syndicated post came from; shown on the card and carried in the Post JSON. */
export interface PostOrigin {
  /** The post's permalink on the source. */
  url: string;
  /** The source blog's title, when known. */
  blog?: string;
  /** The source's host, e.g. `news.example.com`. */
  host: string;
}

/** A blog's follow of a source blog, with the follower's progress through its events. */
export interface BlogFollow {
  blogId: string;
  /** The source's reader URL, `https://host/live/slug`. */
  sourceUrl: string;
  /** The source's title as last seen (its `blog` events keep it current). */
  sourceTitle: string;
  keyEventsOnly: boolean;
  createdAt: string;
  /** Who set the follow up; syndicated posts are stored under their id. */
  createdBy: { id: string; name: string };
  /** The last source change sequence applied; null before the first. */
  lastEventId: number | null;
  eventsApplied: number;
  /** Set while a node holds the stream open. */
  connectedAt: string | null;
  /** Until when the node holding the stream holds it; a lapsed lease means no one does. */
  leaseUntil?: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastEventAt: string | null;
}

/** What a follow's progress is tied to: changing either starts it over. */
export type FollowedSource = Pick<BlogFollow, "sourceUrl" | "keyEventsOnly">;

/** The API input of PUT /api/blogs/:slug/follow. */
export const FollowInput = z
  .object({
    source: z
      .string()
      .min(1, "Give the source blog's address")
      .max(2000)
      .describe(
        "The source blog's reader URL (https://host/live/slug), or its API address (https://host/api/blogs/slug)",
      ),
    keyEventsOnly: z
      .boolean()
      .optional()
      .describe("Follow only the source's key events (default false)"),
  })
  .strict();
export type FollowInput = z.infer<typeof FollowInput>;

/** A source blog's address, read from what a person gave. */
export interface SourceAddress {
  /** `https://host` (scheme, host and port). */
  origin: string;
  slug: string;
  /** The canonical reader URL, `origin/live/slug`. */
  url: string;
}

/** Reads `https://host/live/slug` or `https://host/api/blogs/slug`; refuses anything else. */
export function parseSourceAddress(raw: string): SourceAddress {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw validationError(
      "source",
      "Give the source blog's full address, such as https://news.example.com/live/election",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw validationError("source", "The source's address must start with https:// or http://");
  }
  if (url.username || url.password) {
    throw validationError("source", "The source's address must not hold a user name or password");
  }
  const match = /^\/(?:live|api\/blogs)\/([^/]+)\/?$/.exec(url.pathname);
  const slug = match?.[1];
  if (!slug || !Slug.safeParse(slug).success) {
    throw validationError(
      "source",
      "That is not a Dispatch blog's address: use its reader page, such as https://news.example.com/live/election",
    );
  }
  return { origin: url.origin, slug, url: `${url.origin}/live/${slug}` };
}

/** The parts of a source's Post JSON the follower reads; everything else is ignored. */
export const SourcePost = z.object({
  // Never a NUL: PostgreSQL cannot store one, and the event would fail every time it came.
  id: text().min(1).max(100),
  title: z.string().max(10_000).optional(),
  blocks: z.array(z.unknown()).max(200),
  keyEvent: z.boolean().optional(),
  status: z.string().optional(),
  publishedAt: z.string().nullable().optional(),
  author: z
    .object({ name: z.string().max(1000) })
    .partial()
    .optional(),
  /** Set when the source itself had the post from elsewhere. */
  origin: z.unknown().optional(),
  /** The source's source line and verification, kept when they pass our own checks. */
  source: z.unknown().optional(),
  verification: z.unknown().optional(),
  /** The source's tags, kept when they pass our own checks (tags.ts). */
  tags: z.unknown().optional(),
});
export type SourcePost = z.infer<typeof SourcePost>;

const Title = text().trim().max(300);
const AuthorName = text().trim().min(1).max(120);

/** What a source post becomes in the follower blog: the fields it sets on the local post. */
export interface SyndicatedContent {
  title: string;
  blocks: Post["blocks"];
  keyEvent: boolean;
  authorName: string;
  origin: PostOrigin;
  source: PostSource | null;
  verification: Verification | null;
  /** The source's tags when they pass our own checks; none otherwise. */
  tags: string[];
}

/**
 * A source post's content as this newsroom would accept it: every block checked with the same
 * schema as the newsroom's own, a source's own `/media/` paths made absolute to its origin,
 * and an image kept only where a reader's page may show it (an https address not on this
 * site: see isOwnHost). Blocks that do not pass are left out; the card's origin link leads to
 * the whole post. An http-only source's images are thus left out: the reader page's
 * Content-Security-Policy (and any https page) would not show them anyway.
 */
export function syndicatedContent(
  source: SourceAddress,
  sourceTitle: string,
  post: SourcePost,
  isOwnHost: (host: string) => boolean,
): SyndicatedContent {
  const blocks: Post["blocks"] = [];
  for (const raw of post.blocks) {
    const block = absoluteMedia(raw, source.origin);
    const parsed = Block.safeParse(block);
    if (!parsed.success) continue;
    // An image (or a gallery picture) on this site's own host is left out: see ownHostImage.
    if (imagesOfBlock(parsed.data).some((image) => ownHostImage(image.src, isOwnHost))) continue;
    if (parsed.data.type === "embed" && parsed.data.card) {
      // A card's image is the source's own copy, under its /media/: not ours to draw here, and
      // its remote address would send our readers to another site. The card keeps its words.
      blocks.push({ ...parsed.data, card: withoutCardImage(parsed.data.card) });
      continue;
    }
    if (parsed.data.type === "poll") {
      // The votes are the source's: the copy shows the question and the source's counts,
      // without an id, so without a form to vote here.
      const { id: _sourceId, ...copy } = parsed.data;
      blocks.push(copy);
      continue;
    }
    blocks.push(parsed.data);
  }
  if (blocks.length === 0) {
    blocks.push({ type: "paragraph", text: "This update is on the source blog." });
  }
  const title = Title.safeParse(post.title ?? "");
  const author = AuthorName.safeParse(post.author?.name ?? "");
  const url = `${source.url}/posts/${encodeURIComponent(post.id)}`;
  const host = new URL(source.origin).host;
  const origin: PostOrigin = { url, host, ...(sourceTitle ? { blog: sourceTitle } : {}) };
  return {
    title: title.success ? title.data : "",
    blocks,
    keyEvent: post.keyEvent === true,
    authorName: author.success ? author.data : host,
    origin,
    ...keptAttribution(post),
    tags: keptTags(post.tags),
  };
}

/** A source's tags as a whole, or none: a list we would refuse is not half taken. */
function keptTags(tags: unknown): string[] {
  const parsed = TagsInput.safeParse(tags);
  return parsed.success ? parsed.data : [];
}

/** The source post's source line and verification, each only if it passes our own schema. */
function keptAttribution(post: SourcePost): Pick<SyndicatedContent, "source" | "verification"> {
  const pick = (value: unknown, keys: readonly string[]) => {
    if (typeof value !== "object" || value === null) return undefined;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]),
    );
  };
  const source = PostSourceInput.safeParse(pick(post.source, ["text", "url"]));
  const verification = VerificationInput.safeParse(pick(post.verification, ["state", "note"]));
  return {
    source: source.success ? cleanSource(source.data) : null,
    verification: verification.success ? cleanVerification(verification.data) : null,
  };
}

function absoluteMedia(block: unknown, origin: string): unknown {
  if (typeof block !== "object" || block === null) return block;
  const gallery = block as { type?: unknown; images?: unknown };
  if (gallery.type === "gallery" && Array.isArray(gallery.images)) {
    const images = gallery.images.map((image) =>
      absoluteMedia({ ...(image as object), type: "image" }, origin),
    );
    return {
      ...gallery,
      images: images.map((image) => {
        const { type: _type, ...rest } = image as Record<string, unknown>;
        return rest;
      }),
    };
  }
  const image = block as { type?: unknown; src?: unknown };
  if (image.type !== "image" || typeof image.src !== "string" || !isMediaPath(image.src))
    return block;
  return { ...image, src: `${origin}${image.src}` };
}

function ownHostImage(src: string, isOwnHost: (host: string) => boolean): boolean {
  try {
    return isOwnHost(new URL(src).host.toLowerCase());
  } catch {
    return true;
  }
}

/** A source blog's title as this newsroom stores it; undefined when it cannot be one. */
export function sourceTitle(value: unknown): string | undefined {
  const parsed = text().trim().max(300).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Whether two syndicated contents differ in anything a reader would see. */
export function sameContent(post: Post, content: SyndicatedContent): boolean {
  return (
    post.title === content.title &&
    post.keyEvent === content.keyEvent &&
    post.authorName === content.authorName &&
    JSON.stringify(post.blocks) === JSON.stringify(content.blocks) &&
    JSON.stringify(post.origin ?? null) === JSON.stringify(content.origin) &&
    sameSource(post.source ?? null, content.source) &&
    sameVerification(post.verification ?? null, content.verification) &&
    sameTags(post.tags, content.tags)
  );
}
