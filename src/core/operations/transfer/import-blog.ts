// Importing a blog from an export document (or from JSON-LD turned into one, see
// src/transfer/). Rows are written directly, keeping the document's ids and times, in ONE
// transaction: a refused document leaves nothing behind. Imported published posts enter the
// change log oldest first, so the event stream, replays and `changes?since=` carry them in
// order. Importing the same document again finds every post as it is and writes nothing.
//
// A slug already used by a blog this document did not make (another blog id) is refused with
// `blog_exists`, unless `mode: "merge"`: then the document's posts join that blog, whose
// settings stay as they are. A post held here is replaced only by a newer version of itself
// (a later `updatedAt`); one deleted here stays deleted.

import { isDeepStrictEqual } from "node:util";
import type { Blog } from "../../blog.js";
import { renderBlocks } from "../../content/render.js";
import { DomainError } from "../../errors.js";
import { ensure } from "../../permissions.js";
import type { MediaStore, Newsroom, Store } from "../../ports.js";
import { type Post, sortTime } from "../../post.js";
import { importAuthors } from "../../transfer/authors.js";
import {
  type ExportDocument,
  type ExportedPost,
  readExportDocument,
} from "../../transfer/document.js";
import type { Actor } from "../../user.js";
import { commitChanges } from "../commit.js";
import { figuresBox } from "../figures.js";
import { announce, unpinOthers } from "../post-changes.js";
import { blogOfDocument, importComments } from "./comments.js";
import { exportedBlog, exportedPost } from "./export-blog.js";
import { importFigures } from "./figures.js";
import { placeMedia } from "./import-media.js";

export type ImportMode = "create" | "merge";

/** Where the bytes of the files a document lists come from (an archive unpacked to disk). */
export interface MediaSupply {
  /** The file's bytes, already checked against its size and SHA-256; undefined if absent. */
  read(path: string): Promise<Buffer | undefined>;
}

export interface ImportOptions {
  mode?: ImportMode;
  media?: MediaSupply;
  /** Called as posts are written: (done, total). */
  progress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  blog: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Media files written (files already here with the same bytes are not counted). */
  media: number;
  /** Readers' comments written (those the blog holds already are not counted). */
  comments: number;
}

export async function importBlog(
  newsroom: Newsroom,
  media: MediaStore,
  actor: Actor,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  ensure(actor, "blog.transfer");
  const document = readExportDocument(input);
  const mode = options.mode ?? "create";
  // Checked before any file is written, and again inside the transaction.
  await findTarget(newsroom.store, document, mode);
  const placed = await placeMedia(media, document.media, options.media);

  return commitChanges(newsroom, async (recorder) => {
    const { tx, at } = recorder;
    const summary: ImportSummary = {
      blog: document.blog.slug,
      created: 0,
      updated: 0,
      unchanged: 0,
      media: placed,
      comments: 0,
    };
    const target = await findTarget(tx, document, mode);
    let blog: Blog;
    if (!target) {
      blog = blogOfDocument(document.blog, at);
      await tx.insertBlog(blog);
      await recorder.record(blog.id, { kind: "blog", blog });
    } else if (
      target.id === document.blog.id &&
      !isDeepStrictEqual(exportedBlog(target), document.blog) &&
      document.blog.updatedAt >= target.updatedAt
    ) {
      blog = blogOfDocument(document.blog, at);
      await tx.updateBlog(blog);
      await recorder.record(blog.id, { kind: "blog", blog });
    } else blog = target;
    const blogChanged = !target || blog !== target;

    const users = new Map<string, { id: string; name: string } | undefined>();
    const userByEmail = async (email: string) => {
      const key = email.toLowerCase();
      if (!users.has(key)) {
        const user = await tx.findUserByEmail(email);
        users.set(key, user && { id: user.id, name: user.name });
      }
      return users.get(key);
    };
    const kept = await tx.listBylineEmails(blog.id);
    const emails = new Map<string, string | undefined>();
    /** A post held here as an export would write it. */
    const asExported = async (post: Post) => {
      for (const byline of post.bylines) {
        if (byline.userId && !emails.has(byline.userId))
          emails.set(byline.userId, (await tx.findUserById(byline.userId))?.email);
      }
      return exportedPost(post, (id) => emails.get(id), kept.get(post.id));
    };
    const order = document.posts
      .map((post, index) => ({ post, index }))
      .sort((a, b) => compare(sortTime(a.post), sortTime(b.post)) || compare(a.post.id, b.post.id));
    let done = 0;
    const words = newsroom.blockWords(blog.language);
    for (const { post: item, index } of order) {
      const authors = await importAuthors(item.authors, userByEmail);
      const author = authors.firstUser ?? { id: actor.id, name: actor.name };
      const post: Post = {
        ...item,
        blogId: blog.id,
        html: renderBlocks(item.blocks, words, { at: newsroom.clock.now(), zone: blog }),
        authorId: author.id,
        authorName: author.name,
        deletedAt: null,
        bylines: authors.bylines,
      };
      const current = await tx.findPostAnywhere(item.id);
      if (current && current.blogId !== blog.id) {
        throw new DomainError(
          "import_conflict",
          `posts[${index}].id: the id ${item.id} is held by a post of another blog here`,
          { field: `posts[${index}].id` },
        );
      }
      if (!current) {
        await tx.insertPost(post);
        if (authors.keptEmails) await tx.saveBylineEmails(blog.id, post.id, authors.keptEmails);
        if (mode === "merge" && post.pinned && post.status === "published")
          await unpinOthers(newsroom, recorder, post);
        await announce(recorder, null, post);
        summary.created++;
      } else if (
        current.deletedAt ||
        item.updatedAt < current.updatedAt ||
        sameContent(await asExported(current), item)
      ) {
        summary.unchanged++;
      } else {
        const next: Post = { ...post, version: Math.max(item.version, current.version + 1) };
        if (!(await tx.updatePost(next, current.version))) {
          throw new DomainError("version_conflict", `posts[${index}]: changed during the import`, {
            field: `posts[${index}]`,
          });
        }
        await tx.saveBylineEmails(blog.id, post.id, authors.keptEmails);
        if (next.pinned && next.status === "published" && !current.pinned)
          await unpinOthers(newsroom, recorder, next);
        await announce(recorder, current, next);
        summary.updated++;
      }
      done++;
      if (options.progress && (done % 100 === 0 || done === order.length))
        options.progress(done, order.length);
    }
    const figuresChanged = await importFigures(
      tx,
      blog.id,
      document.figures ?? [],
      blog.id === document.blog.id,
    );
    if (figuresChanged) {
      await recorder.record(blog.id, { kind: "figures", figures: await figuresBox(tx, blog.id) });
    }
    summary.comments = await importComments(
      recorder,
      blog.id,
      document.comments ?? [],
      blog.id === document.blog.id,
    );
    if (blogChanged || summary.created || summary.updated || figuresChanged || summary.comments) {
      await recorder.audit(actor, "blog.import", {
        blogId: blog.id,
        detail: {
          slug: blog.slug,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
          comments: summary.comments,
        },
      });
    }
    return summary;
  });
}

/** The blog the document goes into, or undefined for a new one; refuses a blog it did not make. */
async function findTarget(
  store: Store,
  document: ExportDocument,
  mode: ImportMode,
): Promise<Blog | undefined> {
  const bySlug = await store.findBlogBySlug(document.blog.slug);
  if (bySlug && bySlug.id !== document.blog.id && mode !== "merge") {
    throw new DomainError(
      "blog_exists",
      `A blog with the slug "${document.blog.slug}" exists and was not made from this document; choose another slug, or merge the posts into it`,
      { field: "blog.slug" },
    );
  }
  if (!bySlug) {
    const byId = await store.findBlogById(document.blog.id);
    if (byId) {
      throw new DomainError(
        "import_conflict",
        `blog.id: this blog is here already as "${byId.slug}"`,
        { field: "blog.id" },
      );
    }
  }
  return bySlug;
}

/** The same post but for its version, which counts the edits of each copy separately. */
function sameContent(held: ExportedPost, incoming: ExportedPost): boolean {
  return isDeepStrictEqual({ ...held, version: 0 }, { ...incoming, version: 0 });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
