// GET /oembed's query and answer (oEmbed 1.0, https://oembed.com): the query parameters the
// spec names, and the `rich` answer whose html is an iframe of the blog's embed page.

import { z } from "zod";

const Dimension = z.coerce
  .number()
  .int("A whole number of pixels")
  .min(1, "At least 1 pixel")
  .max(10_000, "At most 10000 pixels");

export const OEmbedQuery = z
  .object({
    url: z
      .string()
      .min(1)
      .max(2000)
      .describe(
        "A reader page (/live/SLUG) or a post permalink (/live/SLUG/posts/ID) of this site",
      ),
    maxwidth: Dimension.optional().describe("The widest the embed may be, in pixels"),
    maxheight: Dimension.optional().describe("The tallest the embed may be, in pixels"),
    format: z
      .enum(["json", "xml"])
      .optional()
      .describe("json (the default) or xml; anything else is refused"),
  })
  .strict();

export type OEmbedQuery = z.infer<typeof OEmbedQuery>;

export const OEmbedJson = z.object({
  version: z.literal("1.0"),
  type: z.literal("rich"),
  provider_name: z.string(),
  provider_url: z.string(),
  title: z.string(),
  author_name: z.string().optional(),
  html: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});

export type OEmbedJson = z.infer<typeof OEmbedJson>;
