// Dispatch's own export document: one blog, whole (its settings, its published and scheduled
// posts with their ids, times, pins, key events and contributors, and the media files they
// use), in a versioned JSON shape that an import reads back into the same rows. Drafts and
// submissions are a writer's private work and deleted posts are gone: neither is exported.
// Contributors are named portably: a newsroom user by name and e-mail, others by name.

import { z } from "zod";
import { PostSourceInput, VerificationInput } from "../attribution.js";
import { AdSlots, BlogCreateInput, BlogPatchInput, Language, Slug, TimeZone } from "../blog.js";
import { Avatar, UserTitle } from "../byline.js";
import { COMMENT_MODES, CommentInput, CommentWords } from "../comments.js";
import { Blocks, Image, isMediaPath } from "../content/blocks.js";
import { ContributionSettings } from "../contributions.js";
import { DomainError } from "../errors.js";
import { FigureValueInput, MAX_FIGURE_VALUES, MAX_FIGURES } from "../figures.js";
import { TagsInput } from "../tags.js";
import { text } from "../text.js";
import { fieldPath } from "../validation.js";

export const EXPORT_FORMAT = "blog-export";
export const EXPORT_VERSION = 1;

const Time = z.iso.datetime({ offset: true, message: "Use an ISO 8601 time" });
/** Ids as Dispatch makes them (and as an import of JSON-LD derives them). */
const Id = z.string().regex(/^[0-9a-z]{1,40}$/, "Use lower-case letters and digits (at most 40)");

export const ExportedAuthor = z
  .object({
    name: text().trim().min(1, "A contributor needs a name").max(120),
    /** A newsroom user's address: an import names the user with that address, if there is one. */
    email: z.email().max(320).optional(),
    title: UserTitle.optional(),
    avatar: Avatar.unwrap().optional(),
    /** A free-text contributor: an agency ("organization", the default) or a person. */
    kind: z.enum(["organization", "person"]).optional(),
  })
  .strict();

/** A post another blog syndicated here keeps its mark: where it came from (see syndication.ts). */
export const ExportedOrigin = z
  .object({
    url: z.url({ protocol: /^https?$/, message: "The source post's http(s) address" }).max(2000),
    blog: text().trim().min(1).max(300).optional(),
    host: text().trim().min(1).max(300),
  })
  .strict();

export const ExportedPost = z
  .object({
    id: Id,
    title: text().trim().max(300),
    blocks: Blocks.min(1, "A post needs at least one block"),
    pinned: z.boolean(),
    keyEvent: z.boolean(),
    status: z.enum(["published", "scheduled"]),
    publishAt: Time.nullable(),
    publishedAt: Time.nullable(),
    createdAt: Time,
    updatedAt: Time,
    version: z.number().int().positive(),
    authors: z.array(ExportedAuthor).min(1, "A post needs a contributor").max(10),
    origin: ExportedOrigin.optional(),
    /** The source line and verification (attribution.ts), when the post states them. */
    source: PostSourceInput.optional(),
    verification: VerificationInput.optional(),
    /** The post's tags (core/tags.ts), when it has any. */
    tags: TagsInput.optional(),
    /** When a published post's words last changed; its earlier versions are not exported. */
    contentUpdatedAt: Time.optional(),
    correction: z
      .object({ note: text().trim().min(1).max(1000), at: Time })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((post, ctx) => {
    if (post.status === "published" && !post.publishedAt)
      ctx.addIssue({
        code: "custom",
        path: ["publishedAt"],
        message: "A published post needs publishedAt",
      });
    if (post.status === "scheduled" && !post.publishAt)
      ctx.addIssue({
        code: "custom",
        path: ["publishAt"],
        message: "A scheduled post needs publishAt",
      });
  });

export const ExportedBlog = z
  .object({
    id: Id,
    slug: Slug,
    title: BlogCreateInput.shape.title,
    summary: BlogCreateInput.shape.summary.unwrap(),
    intro: Blocks,
    hero: Image.nullable(),
    sourceNote: BlogCreateInput.shape.sourceNote.unwrap(),
    language: Language,
    timezone: TimeZone,
    reporterMode: z.enum(["publish", "approval"]),
    status: z.enum(["live", "closed"]),
    createdAt: Time,
    updatedAt: Time,
    closedAt: Time.nullable(),
    /** The blog's ad slots rule; absent when it has none (and in exports made before it). */
    adSlots: AdSlots.optional(),
    /**
     * The blogs before and after this one in a continuing story, by slug; absent when none.
     * Kept on import even before that blog is imported, so a story's blogs may come in any order.
     */
    previousBlog: Slug.optional(),
    nextBlog: Slug.optional(),
    /** The comment settings; absent when never set (and in exports made before them). */
    comments: z
      .object({
        mode: z.enum(COMMENT_MODES),
        closed: z.boolean(),
        perHour: BlogPatchInput.shape.commentsPerHour,
        /** Newsroom-only: an export is an admin's. */
        blockedWords: CommentWords.optional(),
      })
      .strict()
      .optional(),
    /** Whether readers may send contributions, and the prompt; the contributions stay here. */
    contributions: ContributionSettings.optional(),
  })
  .strict()
  .superRefine((blog, ctx) => {
    for (const field of ["previousBlog", "nextBlog"] as const) {
      if (blog[field] === blog.slug)
        ctx.addIssue({ code: "custom", path: [field], message: "A blog cannot continue itself" });
    }
  });

export const ExportedMedia = z
  .object({
    /** Where blocks use it: `/media/u/<id>/960.jpg`; in an archive, `media/u/<id>/960.jpg`. */
    path: z.string().max(500).refine(isMediaPath, "A media path is /media/… (no dot segments)"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "A SHA-256 in lower-case hex"),
    bytes: z.number().int().nonnegative(),
    type: z.string().regex(/^image\/[a-z0-9.+-]+$/, "An image type such as image/jpeg"),
  })
  .strict();

/** A key figure (core/figures.ts) with its values now and every value it showed before. */
export const ExportedFigure = z
  .object({
    id: Id,
    label: z.string().min(1).max(80),
    position: z.number().int().min(0).max(1000),
    values: z.array(FigureValueInput).min(1).max(MAX_FIGURE_VALUES),
    history: z.array(FigureValueInput.extend({ recordedAt: Time, replacedAt: Time }).strict()),
    createdAt: Time,
    updatedAt: Time,
  })
  .strict();

/**
 * A reader's comment, approved or waiting, with its place in a thread; never the sender's
 * address key. Rejected comments (their words erased) are not exported.
 */
const CommentId = z
  .string()
  .regex(/^[0-9a-z]{17}$/, "A comment id: 17 lower-case letters and digits");

export const ExportedComment = z
  .object({
    id: CommentId,
    /** The top-level comment of this document it answers; replies are one level deep. */
    parentId: CommentId.nullable(),
    name: CommentInput.shape.name,
    text: CommentInput.shape.text,
    status: z.enum(["approved", "pending"]),
    heldFor: z.enum(["moderation", "words", "reports"]).nullable(),
    reports: z.number().int().nonnegative().max(1_000_000),
    createdAt: Time,
    moderatedAt: Time.nullable(),
  })
  .strict();

export const ExportDocument = z
  .object({
    dispatch: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    blog: ExportedBlog,
    posts: z.array(ExportedPost),
    media: z.array(ExportedMedia),
    /** Optional: exports made before key figures have none. */
    figures: z.array(ExportedFigure).max(MAX_FIGURES).optional(),
    /** Optional: exports made before readers' comments have none. */
    comments: z.array(ExportedComment).optional(),
  })
  .strict();

export type ExportedAuthor = z.infer<typeof ExportedAuthor>;
export type ExportedPost = z.infer<typeof ExportedPost>;
export type ExportedBlog = z.infer<typeof ExportedBlog>;
export type ExportedMedia = z.infer<typeof ExportedMedia>;
export type ExportDocument = z.infer<typeof ExportDocument>;
export type ExportedFigure = z.infer<typeof ExportedFigure>;
export type ExportedComment = z.infer<typeof ExportedComment>;

/** An import refused: the message and field name the item at fault, e.g. `posts[12].blocks[0].src`. */
export function importInvalid(field: string, message: string): DomainError {
  return new DomainError("import_invalid", field ? `${field}: ${message}` : message, {
    ...(field ? { field } : {}),
  });
}

/** Checks a document (already parsed from JSON), or says which item is at fault. */
export function readExportDocument(input: unknown): ExportDocument {
  if (typeof input === "object" && input !== null && "dispatch" in input) {
    const { dispatch, version } = input as { dispatch: unknown; version: unknown };
    if (dispatch === EXPORT_FORMAT && version !== EXPORT_VERSION) {
      throw importInvalid(
        "version",
        `This is a version ${String(version)} export; this Dispatch reads version ${EXPORT_VERSION}`,
      );
    }
  }
  const result = ExportDocument.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    let path: PropertyKey[] = [...(issue?.path ?? [])];
    let message = issue?.message ?? "Not a Dispatch export";
    if (issue?.code === "unrecognized_keys" && issue.keys[0] !== undefined) {
      path = [...path, issue.keys[0]];
      message = `Unknown field "${issue.keys[0]}"`;
    }
    throw importInvalid(fieldPath(path) || "document", message);
  }
  const document = result.data;
  const seen = new Set<string>();
  let pinned = 0;
  document.posts.forEach((post, i) => {
    if (seen.has(post.id)) throw importInvalid(`posts[${i}].id`, `The id ${post.id} appears twice`);
    seen.add(post.id);
    if (post.pinned && post.status === "published" && ++pinned > 1)
      throw importInvalid(`posts[${i}].pinned`, "Only one published post may be pinned");
  });
  const figures = new Set<string>();
  document.figures?.forEach((figure, i) => {
    if (figures.has(figure.id))
      throw importInvalid(`figures[${i}].id`, `The id ${figure.id} appears twice`);
    figures.add(figure.id);
  });
  checkThreads(document.comments ?? []);
  const paths = new Set<string>();
  document.media.forEach((file, i) => {
    if (paths.has(file.path)) throw importInvalid(`media[${i}].path`, `${file.path} appears twice`);
    paths.add(file.path);
  });
  return document;
}

/** Each comment once, and each reply under a top-level comment the document holds before it. */
function checkThreads(comments: readonly ExportedComment[]): void {
  const topLevel = new Set<string>();
  const seen = new Set<string>();
  comments.forEach((comment, i) => {
    if (seen.has(comment.id))
      throw importInvalid(`comments[${i}].id`, `The id ${comment.id} appears twice`);
    seen.add(comment.id);
    if (comment.parentId === null) topLevel.add(comment.id);
    else if (!topLevel.has(comment.parentId))
      throw importInvalid(
        `comments[${i}].parentId`,
        `${comment.parentId} is not a top-level comment before this one`,
      );
  });
}
