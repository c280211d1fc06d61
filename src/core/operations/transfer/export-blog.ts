// Exporting a blog: the document (core/transfer/document.ts) and the media files it lists.
// With `media: "link"` the document carries no files: every uploaded image is named by its
// absolute address on this site instead, for a copy that keeps showing them from here.

import { createHash } from "node:crypto";
import type { Blog } from "../../blog.js";
import { shownBylines } from "../../byline.js";
import { type Block, type Image, imagesOfBlock } from "../../content/blocks.js";
import { DomainError } from "../../errors.js";
import { ensure } from "../../permissions.js";
import type { MediaFile, MediaStore, Newsroom } from "../../ports.js";
import { type Post, sortTime } from "../../post.js";
import { exportAuthors } from "../../transfer/authors.js";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
  type ExportedBlog,
  type ExportedMedia,
  type ExportedPost,
} from "../../transfer/document.js";
import type { Actor } from "../../user.js";
import { auditEntry } from "../commit.js";
import { getBlog } from "../read.js";
import { exportComments, exportedReadersSettings } from "./comments.js";
import { exportFigures } from "./figures.js";

export type MediaMode = "include" | "link";

export interface ExportFile extends ExportedMedia {
  open(): NodeJS.ReadableStream;
}

export interface BlogExport {
  document: ExportDocument;
  /** The files `document.media` lists, to be written beside it (none when linking). */
  files: ExportFile[];
}

/** The statuses an export carries: what readers see and what is due to go out. */
export const EXPORTED_STATUSES = ["published", "scheduled"] as const;

export async function exportBlog(
  newsroom: Pick<Newsroom, "store" | "clock">,
  media: MediaStore,
  /** null: the operator at the command line. */
  actor: Actor | null,
  slug: string,
  options: { media: MediaMode; publicUrl?: string },
): Promise<BlogExport> {
  if (actor) ensure(actor, "blog.transfer");
  const base = options.publicUrl?.replace(/\/+$/, "");
  if (options.media === "link" && !base?.startsWith("https://")) {
    throw new DomainError(
      "validation_failed",
      "Linking media needs this site's https address (PUBLIC_URL); include the files instead",
      { field: "media" },
    );
  }
  const { store } = newsroom;
  const blog = await getBlog(newsroom, slug);
  const posts = await store.listBlogPosts(blog.id, EXPORTED_STATUSES);
  posts.sort((a, b) => compareTimes(sortTime(a), sortTime(b)) || compareTimes(a.id, b.id));
  const kept = await store.listBylineEmails(blog.id);
  const emails = new Map<string, string | undefined>();
  for (const post of posts) {
    for (const byline of shownBylines(post)) {
      if (byline.userId && !emails.has(byline.userId))
        emails.set(byline.userId, (await store.findUserById(byline.userId))?.email);
    }
  }
  const link = options.media === "link" && base ? (src: string) => linked(base, src) : undefined;
  const document: ExportDocument = {
    dispatch: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    blog: exportedBlog(blog, link),
    posts: posts.map((post) => {
      const exported = exportedPost(post, (id) => emails.get(id), kept.get(post.id));
      if (!link) return exported;
      return {
        ...exported,
        blocks: exported.blocks.map((block) => linkBlock(block, link)),
        // An avatar is an upload here; a linking copy does without it.
        authors: exported.authors.map(({ avatar: _avatar, ...author }) => author),
      };
    }),
    media: [],
  };
  const figures = await exportFigures(store, blog.id);
  if (figures.length > 0) document.figures = figures;
  const comments = await exportComments(store, blog.id);
  if (comments.length > 0) document.comments = comments;
  const files = link ? [] : await mediaFiles(media, document);
  document.media = files.map(({ open: _open, ...entry }) => entry);
  await store.insertAudit(
    auditEntry(newsroom.clock.now().toISOString(), actor, "blog.export", {
      blogId: blog.id,
      detail: { posts: posts.length, comments: comments.length, media: options.media },
    }),
  );
  return { document, files };
}

export function exportedBlog(blog: Blog, link?: (src: string) => string): ExportedBlog {
  return {
    id: blog.id,
    slug: blog.slug,
    title: blog.title,
    summary: blog.summary,
    intro: link ? blog.intro.map((block) => linkBlock(block, link)) : blog.intro,
    hero: blog.hero && link ? linkImage(blog.hero, link) : blog.hero,
    sourceNote: blog.sourceNote,
    language: blog.language,
    timezone: blog.timezone,
    reporterMode: blog.reporterMode,
    status: blog.status,
    createdAt: blog.createdAt,
    updatedAt: blog.updatedAt,
    closedAt: blog.closedAt,
    // Only when set: a blog without slots exports as it did before the rule existed.
    ...(blog.adSlots ? { adSlots: blog.adSlots } : {}),
    ...(blog.previousBlog ? { previousBlog: blog.previousBlog } : {}),
    ...(blog.nextBlog ? { nextBlog: blog.nextBlog } : {}),
    ...exportedReadersSettings(blog),
  };
}

export function exportedPost(
  post: Post,
  emailOfUser: (userId: string) => string | undefined,
  keptEmails: readonly (string | null)[] | undefined,
): ExportedPost {
  return {
    id: post.id,
    title: post.title,
    blocks: post.blocks,
    pinned: post.pinned,
    keyEvent: post.keyEvent,
    status: post.status === "scheduled" ? "scheduled" : "published",
    publishAt: post.publishAt,
    publishedAt: post.publishedAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    version: post.version,
    authors: exportAuthors(shownBylines(post), emailOfUser, keptEmails),
    ...(post.origin ? { origin: post.origin } : {}),
    ...(post.source ? { source: post.source } : {}),
    ...(post.verification ? { verification: post.verification } : {}),
    ...(post.tags?.length ? { tags: post.tags } : {}),
    ...(post.contentUpdatedAt ? { contentUpdatedAt: post.contentUpdatedAt } : {}),
    ...(post.correction ? { correction: post.correction } : {}),
  };
}

function compareTimes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function linked(base: string, src: string): string {
  return src.startsWith("/media/") ? `${base}${src}` : src;
}

function linkImage(image: Image, link: (src: string) => string): Image {
  return { ...image, src: link(image.src) };
}

function linkBlock(block: Block, link: (src: string) => string): Block {
  if (block.type === "gallery")
    return { ...block, images: block.images.map((image) => linkImage(image, link)) };
  return block.type === "image" ? { ...block, src: link(block.src) } : block;
}

// An uploaded image (or a link card's copy) is served in every width and format; the document
// carries them all.
const PROCESSED = /^\/media\/(u|link-cards)\/([a-z0-9]+)\/[0-9]+\.(?:jpg|webp)$/;
const VARIANTS = ["480", "960", "1600"].flatMap((w) => [`${w}.jpg`, `${w}.webp`]);

/** Every /media/ file the document uses, hashed, in path order. */
async function mediaFiles(media: MediaStore, document: ExportDocument): Promise<ExportFile[]> {
  const used = new Set<string>();
  const use = (src: string) => {
    if (!src.startsWith("/media/")) return;
    const processed = PROCESSED.exec(src);
    if (processed) {
      for (const name of VARIANTS) used.add(`/media/${processed[1]}/${processed[2]}/${name}`);
    } else used.add(src);
  };
  const useBlocks = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      for (const image of imagesOfBlock(block)) use(image.src);
      if (block.type === "embed" && block.card?.image) use(block.card.image);
    }
  };
  useBlocks(document.blog.intro);
  if (document.blog.hero) use(document.blog.hero.src);
  for (const post of document.posts) {
    useBlocks(post.blocks);
    for (const author of post.authors) if (author.avatar) use(author.avatar);
  }
  const files: ExportFile[] = [];
  for (const path of [...used].sort()) {
    const file = await media.get(path.slice("/media/".length));
    // A file missing here (a variant never made) is left out; the blocks keep their paths.
    if (!file) continue;
    files.push({
      path,
      sha256: await hashFile(file),
      bytes: file.size,
      type: file.contentType,
      open: () => file.open(),
    });
  }
  return files;
}

async function hashFile(file: MediaFile): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of file.open()) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
