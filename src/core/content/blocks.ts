// Content blocks: the one definition of what a post body (and a blog's lead) may contain.
// These zod schemas validate input, give the TypeScript types and feed the OpenAPI document.

import { z } from "zod";
import { text } from "../text.js";
import { inlineProblems, linkProblem } from "./inline.js";

const MAX_TEXT = 10_000;
const MAX_SHORT = 500;

/**
 * Plain text with inline markup (**bold**, *italic*, [label](https://…)) and line breaks
 * ("\n"); links are checked.
 */
export const InlineText = text()
  .max(MAX_TEXT)
  .superRefine((value, ctx) => {
    for (const message of inlineProblems(value)) ctx.addIssue({ code: "custom", message });
  });

const NonEmptyInlineText = InlineText.refine((v) => v.trim().length > 0, "Text cannot be empty");
const ShortText = text().trim().max(MAX_SHORT);

/**
 * A file under /media/: segments of letters, digits, `-`, `_` and `.`, none empty and none
 * starting with a dot. A browser resolves `..` and `.` segments (and their encoded forms,
 * and backslashes) before it asks, so `/media/../api/blogs/x/events` would make every
 * reader's page open one of the site's own event streams as an "image". Refusing `%`, `\`,
 * `?` and `#` outright keeps the path exactly what the browser requests.
 */
const MEDIA_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isMediaPath(value: string): boolean {
  if (!value.startsWith("/media/")) return false;
  const segments = value.slice("/media/".length).split("/");
  return segments.every((segment) => MEDIA_SEGMENT.test(segment));
}

/**
 * An image source: an https URL, or a path under /media/ for files uploaded to Dispatch.
 * Whether an https URL names this site's own origin is for the HTTP edge to check, which
 * knows the origin (see http/own-origin.ts).
 */
export const ImageSrc = z
  .string()
  .max(2000)
  .refine(
    (v) => isMediaPath(v) || (v.startsWith("https://") && linkProblem(v) === null),
    "Image sources must be https:// URLs or uploaded /media/ paths (no . or .. segments, no encoded characters, no query)",
  );

/** An image's size in pixels: only its proportions matter to the page (the box it keeps). */
const Pixels = z.number().int().min(1).max(100_000);

export const Image = z
  .object({
    src: ImageSrc,
    alt: text().trim().max(MAX_SHORT),
    caption: ShortText.optional(),
    credit: ShortText.optional(),
    /**
     * Width and height, given together: the reader reserves the image's box before it loads.
     * Uploaded images are sized from the media library when these are left out.
     */
    width: Pixels.optional(),
    height: Pixels.optional(),
  })
  .strict();

const HttpUrl = z
  .string()
  .max(2000)
  .refine(
    (v) => /^https?:\/\//i.test(v) && linkProblem(v) === null,
    "Must be a full https:// or http:// URL",
  );

export const ParagraphBlock = z
  .object({ type: z.literal("paragraph"), text: NonEmptyInlineText })
  .strict();
export const HeadingBlock = z
  .object({
    type: z.literal("heading"),
    // Inline markup as in a paragraph, but its links are not checked here: headings were plain
    // text before, and every heading valid then stays valid. The renderer drops a link it
    // would refuse (keeping its words), so an unchecked link can never reach a reader.
    text: text().trim().min(1, "A heading needs text").max(MAX_SHORT),
    level: z.union([z.literal(2), z.literal(3)]).optional(),
  })
  .strict();
export const QuoteBlock = z
  .object({ type: z.literal("quote"), text: NonEmptyInlineText, cite: ShortText.optional() })
  .strict();
export const ListBlock = z
  .object({
    type: z.literal("list"),
    ordered: z.boolean(),
    items: z.array(NonEmptyInlineText).min(1, "A list needs at least one item").max(200),
  })
  .strict();
export const ImageBlock = Image.extend({ type: z.literal("image") }).strict();
/** The media store folder of link cards' images: Dispatch's own copies, served publicly. */
export const LINK_CARD_IMAGE_FOLDER = "link-cards";

const LINK_CARD_IMAGE = /^\/media\/link-cards\/[a-z0-9]+\/(480|960|1600)\.jpg$/;

/** Whether `src` is Dispatch's own copy of a link card's image (the only kind ever drawn). */
export function isLinkCardImage(src: string | undefined): boolean {
  return src !== undefined && LINK_CARD_IMAGE.test(src);
}

/**
 * What the page an embed's link points at says of itself (its Open Graph title, description,
 * image and site name), read by the server once the post is published (core/link-cards.ts).
 * `url` is the link it was read for: a card whose link is no longer the block's is stale.
 */
export const LinkCard = z
  .object({
    url: HttpUrl,
    title: text().max(200).optional(),
    description: text().max(500).optional(),
    site: text().max(100).optional(),
    /**
     * Dispatch's own copy of the linked page's image, fetched once when the card was read and
     * processed as uploads are: a `/media/link-cards/…` path, with its size. Readers never load
     * the linked site's image itself. (An https address is still accepted from cards read
     * before copies were made, and from clients echoing one back, but is never drawn.)
     */
    image: z
      .string()
      .max(2000)
      .refine(
        (v) => isLinkCardImage(v) || (v.startsWith("https://") && linkProblem(v) === null),
        "A card's image is its /media/link-cards/ copy",
      )
      .optional(),
    imageWidth: Pixels.optional(),
    imageHeight: Pixels.optional(),
  })
  .strict();

export const EmbedBlock = z
  .object({
    type: z.literal("embed"),
    url: HttpUrl,
    caption: ShortText.optional(),
    card: LinkCard.optional().describe(
      "Read only: the link card the server read from the linked page after publishing. A card sent by a client is ignored: an unchanged link keeps the card it has, a changed link loses it and is read again",
    ),
  })
  .strict();
export const DividerBlock = z.object({ type: z.literal("divider") }).strict();
/** Several images shown one at a time, each with its own caption and credit. */
export const GalleryBlock = z
  .object({
    type: z.literal("gallery"),
    images: z
      .array(Image)
      .min(2, "A gallery needs at least 2 images")
      .max(20, "A gallery holds at most 20 images"),
    caption: ShortText.optional(),
  })
  .strict();

/** A poll's or an answer's id: the server makes one when the composer sends none. */
const PollId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, "An id is 1 to 40 lower-case letters, digits or dashes");

export const PollAnswer = z
  .object({
    id: PollId.optional(),
    text: text().trim().min(1, "An answer needs text").max(100),
  })
  .strict();

/**
 * A poll readers vote in once per browser (core/polls.ts). Its id and its answers' ids are
 * the server's to give and keep: votes are counted by answer id, so an answer reworded keeps
 * its votes and an answer removed loses them.
 */
export const PollBlock = z
  .object({
    type: z.literal("poll"),
    id: PollId.optional(),
    question: text().trim().min(1, "A poll needs a question").max(200),
    answers: z
      .array(PollAnswer)
      .min(2, "A poll needs at least 2 answers")
      .max(6, "A poll holds at most 6 answers"),
    closesAt: z.iso.datetime({ offset: true }).optional(),
    results: z
      .object({
        totals: z.record(z.string(), z.number().int().min(0)),
        total: z.number().int().min(0),
      })
      .strict()
      .optional()
      .describe(
        "Read only: the votes counted so far (the final results once the poll closes). Results sent by a client are ignored",
      ),
  })
  .strict();

export const Block = z.discriminatedUnion("type", [
  ParagraphBlock,
  HeadingBlock,
  QuoteBlock,
  ListBlock,
  ImageBlock,
  EmbedBlock,
  DividerBlock,
  GalleryBlock,
  PollBlock,
]);

export const Blocks = z.array(Block).max(200, "A post holds at most 200 blocks");

export type Block = z.infer<typeof Block>;
export type Image = z.infer<typeof Image>;
export type LinkCard = z.infer<typeof LinkCard>;
export type PollBlock = z.infer<typeof PollBlock>;

/** The images a block shows: an image block's own, a gallery's, none for the rest. */
export function imagesOfBlock(block: Block): readonly Image[] {
  if (block.type === "image") return [block];
  if (block.type === "gallery") return block.images;
  return [];
}
