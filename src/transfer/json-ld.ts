// Another platform's live blog, as schema.org `LiveBlogPosting` JSON-LD (a .json/.jsonld file,
// or the <script type="application/ld+json"> blocks of a saved page), turned into a Dispatch
// export document for the one import path. The blog comes from the headline, description,
// about, coverageStartTime/EndTime and image; each `liveBlogUpdate` becomes a published post
// keeping its headline, body, times, authors and images. Ids are hashed from the blog's and
// each update's `@id` (or `url`), so importing the same file again finds the same posts.
// Nothing here reads the clock or chance: the same file always gives the same document.

import { createHash } from "node:crypto";
import type { Block, Image } from "../core/content/blocks.js";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
  type ExportedAuthor,
  type ExportedPost,
  importInvalid,
} from "../core/transfer/document.js";
import {
  absoluteHttps,
  decodeEntities,
  htmlToBlocks,
  looksLikeHtml,
  textToBlocks,
} from "./html-blocks.js";
import { parseJsonText } from "./json-text.js";

type Node = Record<string, unknown>;

export interface JsonLdOptions {
  /** The blog's slug here; otherwise made from the blog's address or headline. */
  slug?: string;
  /** Whether an ended coverage is closed yet: coverage ending after `now` stays live. */
  now: Date;
}

/** The `<script type="application/ld+json">` blocks of an HTML page, parsed. */
export function jsonLdOfPage(html: string): unknown[] {
  const found: unknown[] = [];
  const scripts = html.matchAll(
    /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi,
  );
  let n = 0;
  for (const [, body] of scripts) {
    n++;
    found.push(parseJsonText(body ?? "", `JSON-LD block ${n} of the page`));
  }
  if (!found.length) {
    throw importInvalid("document", 'The page holds no <script type="application/ld+json"> block');
  }
  return found;
}

/** Whether a JSON value holds a LiveBlogPosting anywhere a page would put one. */
export function findLiveBlog(value: unknown): Node | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findLiveBlog(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!isNode(value)) return undefined;
  if (types(value).includes("LiveBlogPosting")) return value;
  return findLiveBlog(value["@graph"]) ?? findLiveBlog(value.mainEntity);
}

export function liveBlogToDocument(value: unknown, options: JsonLdOptions): ExportDocument {
  const blog = findLiveBlog(value);
  if (!blog) {
    throw importInvalid("document", "No schema.org LiveBlogPosting found (nor a Dispatch export)");
  }
  const address = firstString(blog.url) ?? idOf(blog.mainEntityOfPage);
  const key = firstString(blog["@id"]) ?? address ?? text(blog.headline) ?? "live blog";
  const updates = asArray(blog.liveBlogUpdate).filter(isNode);
  const seen = new Set<string>();
  const posts: ExportedPost[] = [];
  const blogAuthors = authorsOf(blog.author) ?? authorsOf(blog.publisher);
  updates.forEach((update, i) => {
    const updateKey =
      firstString(update["@id"]) ??
      firstString(update.url) ??
      `${text(update.headline) ?? ""}\n${firstString(update.datePublished) ?? i}`;
    const id = hashedId(`post\n${key}\n${updateKey}`);
    if (seen.has(id)) return;
    seen.add(id);
    const publishedAt = time(update.datePublished) ?? time(update.dateCreated);
    if (!publishedAt) {
      throw importInvalid(`liveBlogUpdate[${i}].datePublished`, "An update needs datePublished");
    }
    const modified = time(update.dateModified);
    const base = firstString(update.url) ?? address;
    const title = clamp(text(update.headline) ?? "", 300);
    const blocks = [...bodyBlocks(update.articleBody, base), ...imageBlocks(update.image, base)];
    posts.push({
      id,
      title,
      blocks: blocks.length ? blocks.slice(0, 200) : [{ type: "paragraph", text: title || "…" }],
      pinned: false,
      keyEvent: false,
      status: "published",
      publishAt: null,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: modified && modified > publishedAt ? modified : publishedAt,
      version: 1,
      authors: authorsOf(update.author) ?? blogAuthors ?? [{ name: "Staff", kind: "organization" }],
    });
  });
  const times = posts.map((post) => post.publishedAt ?? "").sort();
  const createdAt =
    time(blog.coverageStartTime) ??
    time(blog.datePublished) ??
    times[0] ??
    "1970-01-01T00:00:00.000Z";
  const ended = time(blog.coverageEndTime);
  const closed = ended !== undefined && ended <= options.now.toISOString();
  const headline = clamp(text(blog.headline) ?? text(blog.name) ?? "", 200);
  const slug = options.slug ?? slugOf(address, headline);
  const updatedAt = [time(blog.dateModified), ...posts.map((post) => post.updatedAt), createdAt]
    .filter((t): t is string => !!t)
    .sort()
    .at(-1) as string;
  const language = firstString(blog.inLanguage);
  return {
    dispatch: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    blog: {
      id: hashedId(`blog\n${key}`),
      slug,
      title: headline || slug,
      summary: clamp(text(blog.description) ?? aboutOf(blog.about) ?? "", 500),
      intro: [],
      hero: imagesOf(blog.image, address)[0] ?? null,
      sourceNote: "",
      language: language && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language) ? language : "en",
      timezone: "UTC",
      reporterMode: "publish",
      status: closed ? "closed" : "live",
      createdAt,
      // ISO times in UTC compare as text.
      updatedAt: [updatedAt, createdAt].sort().at(-1) ?? createdAt,
      closedAt: closed ? (ended ?? null) : null,
    },
    posts,
    media: [],
  };
}

function bodyBlocks(body: unknown, base: string | undefined): Block[] {
  const source = firstString(body);
  if (!source) return [];
  return looksLikeHtml(source) ? htmlToBlocks(source, base) : textToBlocks(decodeEntities(source));
}

function imageBlocks(image: unknown, base: string | undefined): Block[] {
  return imagesOf(image, base).map((found) => ({ type: "image", ...found }));
}

/** An image as a URL, an ImageObject, or an array of either; https addresses only. */
function imagesOf(image: unknown, base: string | undefined): Image[] {
  const found: Image[] = [];
  for (const item of asArray(image)) {
    const address =
      typeof item === "string"
        ? item
        : isNode(item)
          ? (firstString(item.url) ?? firstString(item.contentUrl))
          : undefined;
    const src = absoluteHttps(address, base);
    if (!src || found.some((f) => f.src === src)) continue;
    const node = isNode(item) ? item : {};
    const caption = text(node.caption) ?? text(node.description);
    const credit = text(node.creditText) ?? nameOf(node.copyrightHolder) ?? nameOf(node.author);
    found.push({
      src,
      alt: clamp(text(node.name) ?? caption ?? "", 500),
      ...(caption ? { caption: clamp(caption, 500) } : {}),
      ...(credit ? { credit: clamp(credit, 500) } : {}),
    });
  }
  return found;
}

function authorsOf(value: unknown): ExportedAuthor[] | undefined {
  const authors: ExportedAuthor[] = [];
  for (const item of asArray(value)) {
    const name = typeof item === "string" ? text(item) : nameOf(item);
    if (!name || authors.some((a) => a.name === name)) continue;
    const kind = isNode(item) && types(item).includes("Organization") ? "organization" : "person";
    authors.push({ name: clamp(name, 120), kind });
  }
  return authors.length ? authors.slice(0, 10) : undefined;
}

function aboutOf(value: unknown): string | undefined {
  const names = asArray(value).map((item) =>
    typeof item === "string" ? text(item) : nameOf(item),
  );
  const joined = names.filter(Boolean).join(", ");
  return joined || undefined;
}

function slugOf(address: string | undefined, headline: string): string {
  let source = headline;
  if (address) {
    try {
      const last = new URL(address).pathname.split("/").filter(Boolean).at(-1);
      if (last && /[a-z]/i.test(last)) source = last.replace(/\.[a-z]+$/i, "");
    } catch {
      // Not an address: the headline it is.
    }
  }
  const slug = source
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "imported-live-blog";
}

/** A stable id in Dispatch's alphabet: 17 characters of the SHA-256 of `key`. */
export function hashedId(key: string): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const digest = createHash("sha256").update(key).digest();
  let id = "";
  for (let i = 0; i < 17; i++) id += alphabet[(digest[i] ?? 0) % 32];
  return id;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function types(node: Node): string[] {
  return asArray(node["@type"]).filter((t): t is string => typeof t === "string");
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function firstString(value: unknown): string | undefined {
  const first = asArray(value).find((v) => typeof v === "string" && v.trim());
  return typeof first === "string" ? first.trim() : undefined;
}

function idOf(value: unknown): string | undefined {
  return firstString(value) ?? (isNode(value) ? firstString(value["@id"]) : undefined);
}

function nameOf(value: unknown): string | undefined {
  const first = asArray(value)[0];
  return isNode(first) ? text(first.name) : typeof first === "string" ? text(first) : undefined;
}

/** Plain text: tags dropped, entities decoded, white space collapsed. */
function text(value: unknown): string | undefined {
  const raw = firstString(value);
  if (!raw) return undefined;
  const plain = decodeEntities(raw.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return plain || undefined;
}

function time(value: unknown): string | undefined {
  const raw = firstString(value);
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function clamp(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
