// /api/blogs/:slug/figures: what the key-figures box looks like on the wire. Request bodies are
// core's FigureCreateInput and FigurePatchInput; the same schemas feed the OpenAPI document.

import { z } from "zod";
import { Slug } from "../../../core/blog.js";
import { FIGURE_QUALIFIERS } from "../../../core/figures.js";

export const FigureParams = z.object({ slug: Slug, id: z.string().min(1).max(40) }).strict();

export const FigureValueJson = z.object({
  value: z.number(),
  qualifier: z
    .enum(FIGURE_QUALIFIERS)
    .nullable()
    .describe('"at least 1,200": how the value is hedged'),
  unit: z.string().describe('What is counted: "people"; may be empty'),
  source: z
    .object({ name: z.string(), url: z.string().nullable() })
    .describe("Who gives this value, and a link to where they say so"),
  asOf: z.iso.datetime().describe("The time the source's value stands for"),
});

export const FigureJson = z.object({
  id: z.string(),
  label: z.string(),
  position: z.number().int().describe("The figure's place in the box, smallest first"),
  values: z.array(FigureValueJson).describe("One per source; sources may disagree"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const HistoryEntryJson = FigureValueJson.extend({
  recordedAt: z.iso.datetime().describe("When the value was first shown"),
  replacedAt: z.iso.datetime().describe("When a later value replaced it"),
});

export const FiguresJson = z.object({
  figures: z.array(
    FigureJson.extend({
      history: z
        .array(HistoryEntryJson)
        .describe("The latest 20 earlier values, the most recently replaced first"),
    }),
  ),
});

export const FigureHistoryJson = z.object({
  id: z.string(),
  label: z.string(),
  values: z.array(FigureValueJson).describe("What the figure shows now"),
  history: z.array(HistoryEntryJson).describe("Earlier values, the most recently replaced first"),
});
