// Zod schemas of what the API answers, for the OpenAPI document and for tests that check
// responses against it. Input schemas live in the core, next to the rules they enforce.

import { z } from "zod";
import { VERIFICATION_STATES } from "../core/attribution.js";
import { Blocks, Image } from "../core/content/blocks.js";

export const ErrorJson = z.object({
  error: z.object({
    code: z.string().describe("Stable snake_case code, e.g. version_conflict"),
    message: z.string().describe("What a person can act on"),
    field: z.string().optional().describe("The field at fault, e.g. blocks[2].src"),
  }),
});

export const BlogJson = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  intro: Blocks,
  hero: Image.nullable(),
  sourceNote: z.string(),
  status: z.enum(["live", "closed"]),
  reporterMode: z.enum(["publish", "approval"]),
  language: z.string(),
  timezone: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().optional(),
  lastChangeAt: z.iso
    .datetime()
    .optional()
    .describe("When the coverage last changed: a post published, edited or deleted, or the blog"),
  previousBlog: z.string().nullable().describe("The slug of the blog before this one in the story"),
  nextBlog: z.string().nullable().describe("The slug of the blog that continues the story"),
  adSlots: z
    .object({ every: z.number().int(), height: z.number().int() })
    .nullable()
    .describe("Ad slots on the reader page: one after every `every`th update, `height` px tall"),
  contributions: z
    .object({ enabled: z.boolean(), prompt: z.string().optional() })
    .nullable()
    .describe("Whether readers may send questions and what they see, and the form's prompt"),
  comments: z
    .enum(["off", "pre", "post"])
    .describe("Readers' comments: off, pre-moderated (each waits) or post-moderated"),
  commentsClosed: z.boolean().describe("Comments are on but take no new ones"),
  commentsPerHour: z.number().int().describe("Comments one address may send per hour"),
  commentWords: z
    .array(z.string())
    .optional()
    .describe("Blocked words holding a comment for moderation; only in the newsroom's answers"),
});

export const PostJson = z.object({
  id: z.string(),
  title: z.string(),
  blocks: Blocks,
  html: z.string().describe("The body rendered to safe HTML"),
  author: z.object({ name: z.string() }).describe("The first byline's name"),
  bylines: z
    .array(
      z.object({
        name: z.string(),
        title: z.string().optional().describe("The colleague's title, e.g. a correspondent"),
        avatar: z.string().optional().describe("An uploaded /media/… image"),
        userId: z.string().optional().describe("Set when the byline is a newsroom user"),
        kind: z
          .enum(["organization", "person"])
          .optional()
          .describe("For free-text bylines: an agency or a guest writer"),
      }),
    )
    .describe("Who the post is by: newsroom users and free-text names such as an agency"),
  pinned: z.boolean(),
  keyEvent: z.boolean(),
  status: z.enum(["published", "draft", "scheduled", "submitted"]),
  publishAt: z.iso.datetime().optional(),
  publishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  origin: z
    .object({
      url: z.string().describe("The post's permalink on the source blog"),
      blog: z.string().optional().describe("The source blog's title"),
      host: z.string().describe("The source's host"),
    })
    .optional()
    .describe("Set on a post syndicated from a blog this one follows: where it came from"),
  source: z
    .object({ text: z.string(), url: z.string().optional() })
    .optional()
    .describe("Who the information comes from (`via Reuters`), with an optional link"),
  verification: z
    .object({ state: z.enum(VERIFICATION_STATES), note: z.string().optional() })
    .optional()
    .describe("How far the post is verified: confirmed, unconfirmed or disputed, with a note"),
  tags: z
    .array(z.string())
    .describe('The post\'s tags in the desk\'s order ("Kyiv", "Diplomacy"); empty when none'),
  contentUpdatedAt: z.iso
    .datetime()
    .optional()
    .describe(
      'When a published post\'s title or body last changed (not a pin or key-event mark): readers see "Updated 14:32" and can open its history',
    ),
  correction: z
    .object({ note: z.string(), at: z.iso.datetime() })
    .optional()
    .describe('The latest correction note given with an edit, shown as "Correction, 14:32: …"'),
});

export const PostPageJson = z.object({
  posts: z.array(PostJson),
  next: z.string().optional().describe("Pass as `before` to get the next, older page"),
});

export const BlogListJson = z.object({ blogs: z.array(BlogJson) });

export const SlugParams = z.object({ slug: z.string() });
export const PostParams = z.object({ slug: z.string(), id: z.string() });
export const PostListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).optional(),
    before: z.string().max(200).optional(),
    status: z.enum(["published", "draft", "scheduled", "submitted"]).optional(),
    keyEvent: z
      .enum(["true", "1"])
      .optional()
      .describe("Key events only (`true` or `1`), as the script embed's key-events option asks"),
    tag: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Only posts with this tag: its slug (`kyiv`) or its words (`Kyiv`)"),
  })
  .strict();
