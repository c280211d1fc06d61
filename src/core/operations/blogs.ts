// Creating, changing, closing and reopening blogs. A blog's language is also the language of
// the few interface words its posts' stored HTML carries, so changing it renders them again.

import { type Blog, BlogCreateInput, BlogPatchInput } from "../blog.js";
import type { BlockWords } from "../content/block-words.js";
import { renderBlocks } from "../content/render.js";
import { validationError } from "../errors.js";
import { newId } from "../ids.js";
import { ensure } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import type { Post } from "../post.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import { sizedBlocks, sizedImage } from "./image-sizes.js";
import { getBlog } from "./read.js";

export async function createBlog(newsroom: Newsroom, actor: Actor, input: unknown): Promise<Blog> {
  ensure(actor, "blog.create");
  const data = parseInput(BlogCreateInput, input);
  const now = newsroom.clock.now().toISOString();
  const blog: Blog = {
    id: newId(),
    slug: data.slug,
    title: data.title,
    summary: data.summary ?? "",
    intro: data.intro ?? [],
    hero: data.hero ?? null,
    sourceNote: data.sourceNote ?? "",
    status: "live",
    reporterMode: data.reporterMode ?? "publish",
    language: data.language ?? "en",
    timezone: data.timezone ?? "UTC",
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    lastChangeAt: null,
  };
  return commitChanges(newsroom, async ({ tx, at, record, audit }) => {
    // Making the blog is its first change.
    const made: Blog = { ...blog, ...(await sizedLead(tx, blog)), lastChangeAt: at };
    await tx.insertBlog(made);
    await record(made.id, { kind: "blog", blog: made }, "blog.opened");
    await audit(actor, "blog.create", { blogId: made.id, detail: { slug: made.slug } });
    return made;
  });
}

/** Changes any of a blog's fields; `status: "closed"` closes it and `"live"` reopens it. */
export async function updateBlog(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  input: unknown,
): Promise<Blog> {
  ensure(actor, "blog.update");
  const patch = parseInput(BlogPatchInput, input);
  return commitChanges(newsroom, async ({ tx, at, record, audit }) => {
    const current = await getBlog({ store: tx }, slug);
    const { status, ...fields } = patch;
    for (const field of ["previousBlog", "nextBlog"] as const) {
      const other = fields[field];
      if (!other) continue;
      if (other === current.slug || !(await tx.findBlogBySlug(other))) {
        throw validationError(field, `No other blog with the slug "${other}"`);
      }
    }
    const next: Blog = { ...current, ...definedOnly(fields), updatedAt: at, lastChangeAt: at };
    Object.assign(next, await sizedLead(tx, next));
    if (status === "closed" && current.status !== "closed") {
      next.status = "closed";
      next.closedAt = at;
    } else if (status === "live" && current.status !== "live") {
      next.status = "live";
      next.closedAt = null;
    }
    await tx.updateBlog(next);
    // The words follow the language, an open poll's closing time the zone.
    if (next.language !== current.language || next.timezone !== current.timezone) {
      await renderPostsIn(tx, next, newsroom.blockWords(next.language), newsroom.clock.now());
    }
    const news =
      next.status === current.status
        ? "blog.updated"
        : next.status === "closed"
          ? "blog.closed"
          : "blog.opened";
    await record(next.id, { kind: "blog", blog: next }, news);
    const action =
      next.status === current.status
        ? "blog.update"
        : next.status === "closed"
          ? "blog.close"
          : "blog.reopen";
    await audit(actor, action, { blogId: next.id, detail: { fields: Object.keys(fields) } });
    return next;
  });
}

/**
 * A blog's posts rendered again in its new language or zone, in the change's transaction, so a
 * gallery or embed written in the old language, or a poll's closing time in the old zone, never
 * stays on its pages. Only the stored
 * HTML changes: not the version, not the time, and readers are told of no edit. Pages are
 * drawn afresh from the blog's change; an open live page gets the new words at its next load.
 */
async function renderPostsIn(store: Store, blog: Blog, words: BlockWords, at: Date): Promise<void> {
  const posts = await store.listBlogPosts(blog.id, [
    "published",
    "draft",
    "scheduled",
    "submitted",
  ]);
  for (const listed of posts) {
    // A post edited since it was listed is read again, so the edit is kept.
    for (let post: Post | undefined = listed; post; post = await store.findPost(blog.id, post.id)) {
      const html = renderBlocks(post.blocks, words, { at, zone: blog });
      if (html === post.html || (await store.updatePost({ ...post, html }, post.version))) break;
    }
  }
}

/** The hero and lead's uploaded images with their sizes (see image-sizes.ts). */
async function sizedLead(
  store: Parameters<typeof sizedBlocks>[0],
  blog: Pick<Blog, "hero" | "intro">,
): Promise<Pick<Blog, "hero" | "intro">> {
  return {
    hero: blog.hero && (await sizedImage(store, blog.hero)),
    intro: await sizedBlocks(store, blog.intro),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
