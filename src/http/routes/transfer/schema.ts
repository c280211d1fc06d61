// The query strings of the export and import routes; they validate requests and feed the
// OpenAPI document (openapi.ts).

import { z } from "zod";
import { Slug } from "../../../core/blog.js";

export const ExportQuery = z
  .object({
    media: z
      .enum(["include", "link"])
      .optional()
      .describe(
        "include (the default): an application/x-tar archive, document.json then media/…; link: the JSON document alone, images named by their https address on this site",
      ),
  })
  .strict();

export const ImportQuery = z
  .object({
    mode: z
      .enum(["create", "merge"])
      .optional()
      .describe(
        "create (the default): refuse with 409 blog_exists when another blog has the slug; merge: add the posts to that blog",
      ),
    slug: Slug.optional().describe(
      "Import under this slug (required for JSON-LD without an address)",
    ),
  })
  .strict();

export const ImportSummaryJson = z.object({
  blog: z.string().describe("The slug of the blog imported into"),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  media: z.number().int().describe("Media files written (those already here are not counted)"),
  comments: z.number().int().describe("Readers' comments written (those here already are not)"),
});
