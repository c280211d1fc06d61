// Key figures: a blog's "By the numbers" box. A figure ("Detained") holds one value per
// source that gives one, each attributed ("Interior ministry", a link) and dated ("as of");
// two sources may disagree and both are shown. A value that changes is kept as history,
// which readers can open: a number in crisis coverage is only as good as who said it, when.

import { z } from "zod";
import { linkProblem } from "./content/inline.js";
import { text } from "./text.js";

/** How a value is hedged: "at least 1,200", "about 40". */
export const FIGURE_QUALIFIERS = [
  "at least",
  "about",
  "at most",
  "more than",
  "fewer than",
] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

export interface FigureSource {
  name: string;
  /** An https link to the statement or report, when there is one. */
  url: string | null;
}

/** One source's value of a figure, as of a time. */
export interface FigureValue {
  value: number;
  qualifier: FigureQualifier | null;
  unit: string;
  source: FigureSource;
  asOf: string;
}

export interface Figure {
  id: string;
  blogId: string;
  label: string;
  /** Where the figure stands in the box, smallest first. */
  position: number;
  values: FigureValue[];
  createdAt: string;
  updatedAt: string;
}

/** A value a figure no longer shows: what it was, and when it was shown until. */
export interface FigureHistoryEntry extends FigureValue {
  recordedAt: string;
  replacedAt: string;
}

/** A figure as the box shows it: its values now, and the latest of those it showed before. */
export interface BoxFigure extends Figure {
  history: FigureHistoryEntry[];
  /** How many earlier values the figure has in all (more than `history` once it is cut). */
  earlierCount?: number;
}

/** How many earlier values the box itself carries per figure (the history route has all). */
export const BOX_HISTORY = 20;

/** A blog has at most this many figures, each at most this many values. */
export const MAX_FIGURES = 30;
export const MAX_FIGURE_VALUES = 10;

const HttpsUrl = z
  .string()
  .max(2000)
  .refine(
    (v) => v.startsWith("https://") && linkProblem(v) === null,
    "A source link must be a full https:// URL",
  );

const Label = text().trim().min(1, "A figure needs a label").max(80);

export const FigureValueInput = z
  .object({
    value: z
      .number()
      .finite()
      .min(-1e15, "A figure is at least -1e15")
      .max(1e15, "A figure is at most 1e15"),
    qualifier: z.enum(FIGURE_QUALIFIERS).nullable().optional(),
    unit: text().trim().max(40).optional(),
    source: z
      .object({
        name: text().trim().min(1, "Name the source of this value").max(120),
        url: HttpsUrl.nullable().optional(),
      })
      .strict(),
    asOf: z.iso.datetime({
      offset: true,
      message: "Use an ISO 8601 time, e.g. 2026-05-01T14:30:00Z",
    }),
  })
  .strict();

const Values = z
  .array(FigureValueInput)
  .min(1, "A figure needs at least one value")
  .max(MAX_FIGURE_VALUES, `A figure holds at most ${MAX_FIGURE_VALUES} values`);

const Position = z.number().int().min(0).max(1000);

export const FigureCreateInput = z
  .object({ label: Label, position: Position.optional(), values: Values })
  .strict();

export const FigurePatchInput = z
  .object({ label: Label.optional(), position: Position.optional(), values: Values.optional() })
  .strict();

/** An input value as stored: times in UTC, missing parts made explicit. */
export function figureValueOf(input: z.infer<typeof FigureValueInput>): FigureValue {
  return {
    value: input.value,
    qualifier: input.qualifier ?? null,
    unit: input.unit ?? "",
    source: { name: input.source.name, url: input.source.url ?? null },
    asOf: new Date(input.asOf).toISOString(),
  };
}

/** Whether two values say the same thing (an unchanged value makes no history). */
export function sameFigureValue(a: FigureValue, b: FigureValue): boolean {
  return (
    a.value === b.value &&
    a.qualifier === b.qualifier &&
    a.unit === b.unit &&
    a.source.name === b.source.name &&
    a.source.url === b.source.url &&
    a.asOf === b.asOf
  );
}

/** The box in the order readers see it. */
export function orderFigures(figures: readonly Figure[]): Figure[] {
  return [...figures].sort(
    (a, b) =>
      a.position - b.position || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}
