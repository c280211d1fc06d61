// Blogs: one story's live coverage, with its headline, standfirst, lead, hero image, source
// note, language and time zone, and whether it is still live or closed.

import { z } from "zod";
import { COMMENT_MODES, type CommentMode, CommentWords } from "./comments.js";
import { Blocks, Image, InlineText } from "./content/blocks.js";
import { ContributionSettings } from "./contributions.js";
import { text } from "./text.js";

export type BlogStatus = "live" | "closed";

/** Whether a reporter's posts go out directly or wait in the approval queue for an editor. */
export type ReporterMode = "publish" | "approval";

export interface Blog {
  id: string;
  slug: string;
  /** The headline. */
  title: string;
  /** The standfirst: one line under the headline. */
  summary: string;
  /** The lead: blocks summing up the situation, above the updates. */
  intro: z.infer<typeof Blocks>;
  hero: Image | null;
  /** The source line at the foot: the newsroom and the agencies. Inline markup allowed. */
  sourceNote: string;
  status: BlogStatus;
  reporterMode: ReporterMode;
  language: string;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /**
   * When the blog's public coverage last changed: a post published, edited, pinned or
   * deleted, or the blog itself. Kept by the store with every change it records.
   */
  lastChangeAt: string | null;
  /** The slug of the blog before this one in a continuing story; unset or null: none. */
  previousBlog?: string | null;
  /** The slug of the blog that continues this story; unset or null: none. */
  nextBlog?: string | null;
  /** Advertising and promo slots between updates; unset or null: none. */
  adSlots?: AdSlots | null;
  /** Whether readers may send questions and what they see (contributions.ts); unset: off. */
  contributions?: ContributionSettings | null;
  /** Readers' comments (comments.ts): unset means "off". */
  comments?: CommentMode;
  /** Comments are on but take no new ones (an editor closed them). */
  commentsClosed?: boolean;
  /** Words and phrases that hold a comment for moderation; newsroom-only. */
  commentWords?: string[];
  /** Comments one address may send per hour. */
  commentsPerHour?: number;
}

/**
 * An editor's rule for slots a publisher's ad script fills: one after every `every`th update,
 * each reserving `height` pixels so that filling it never moves what a reader is reading.
 * The height is a multiple of 10 because the reader's stylesheet reserves it by class: a
 * reader page's policy allows no inline style.
 */
export const AdSlots = z
  .object({
    every: z
      .number()
      .int()
      .min(2, "At least every 2nd update")
      .max(50, "At most every 50th update"),
    height: z
      .number()
      .int()
      .min(50, "At least 50 pixels")
      .max(600, "At most 600 pixels")
      .multipleOf(10, "A multiple of 10 pixels"),
  })
  .strict();

export type AdSlots = z.infer<typeof AdSlots>;

export const Slug = z
  .string()
  .min(1, "A slug is required")
  .max(80, "A slug has at most 80 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens");

export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "Use an IANA time zone such as Europe/London or UTC");

export const Language = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "Use a language tag such as en or en-GB");

const Title = text().trim().min(1, "A headline is required").max(200);
const Summary = text().trim().max(500);
const SourceNote = InlineText.pipe(z.string().max(1000));

export const BlogCreateInput = z
  .object({
    slug: Slug,
    title: Title,
    summary: Summary.optional(),
    intro: Blocks.optional(),
    hero: Image.nullable().optional(),
    sourceNote: SourceNote.optional(),
    language: Language.optional(),
    timezone: TimeZone.optional(),
    reporterMode: z.enum(["publish", "approval"]).optional(),
  })
  .strict();

export const BlogPatchInput = z
  .object({
    title: Title.optional(),
    summary: Summary.optional(),
    intro: Blocks.optional(),
    hero: Image.nullable().optional(),
    sourceNote: SourceNote.optional(),
    language: Language.optional(),
    timezone: TimeZone.optional(),
    status: z.enum(["live", "closed"]).optional(),
    reporterMode: z.enum(["publish", "approval"]).optional(),
    previousBlog: Slug.nullable().optional(),
    nextBlog: Slug.nullable().optional(),
    adSlots: AdSlots.nullable().optional(),
    contributions: ContributionSettings.nullable().optional(),
    comments: z.enum(COMMENT_MODES).optional(),
    commentsClosed: z.boolean().optional(),
    commentWords: CommentWords.optional(),
    commentsPerHour: z
      .number()
      .int()
      .min(1, "At least 1 comment an hour")
      .max(100, "At most 100 comments an hour")
      .optional(),
  })
  .strict();

export type BlogCreateInput = z.infer<typeof BlogCreateInput>;
export type BlogPatchInput = z.infer<typeof BlogPatchInput>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
