// The queries behind a blog's key figures (migration 0019): the figures with their current
// values, a figure's history, and saving a figure so that each value it no longer shows
// becomes history rather than disappearing.

import type { Kysely, Selectable } from "kysely";
import {
  type Figure,
  type FigureHistoryEntry,
  type FigureQualifier,
  type FigureValue,
  sameFigureValue,
} from "../../core/figures.js";
import { newId } from "../../core/ids.js";
import type { Database, FiguresTable, FigureValuesTable } from "../schema.js";

function valueFromRow(row: Selectable<FigureValuesTable>): FigureValue {
  return {
    value: Number(row.value),
    qualifier: row.qualifier as FigureQualifier | null,
    unit: row.unit,
    source: { name: row.source_name, url: row.source_url },
    asOf: row.as_of,
  };
}

function figureFromRow(row: Selectable<FiguresTable>, values: FigureValue[]): Figure {
  return {
    id: row.id,
    blogId: row.blog_id,
    label: row.label,
    position: row.position,
    values,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The blog's figures with their current values, in the box's order. */
export async function listFigures(db: Kysely<Database>, blogId: string): Promise<Figure[]> {
  const figures = await db
    .selectFrom("figures")
    .selectAll()
    .where("blog_id", "=", blogId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (figures.length === 0) return [];
  const values = await db
    .selectFrom("figure_values")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("replaced_at", "is", null)
    .orderBy("slot")
    .execute();
  return figures.map((row) =>
    figureFromRow(row, values.filter((value) => value.figure_id === row.id).map(valueFromRow)),
  );
}

export async function findFigure(
  db: Kysely<Database>,
  blogId: string,
  figureId: string,
): Promise<Figure | undefined> {
  const row = await db
    .selectFrom("figures")
    .selectAll()
    .where("blog_id", "=", blogId)
    .where("id", "=", figureId)
    .executeTakeFirst();
  if (!row) return undefined;
  const values = await db
    .selectFrom("figure_values")
    .selectAll()
    .where("figure_id", "=", figureId)
    .where("replaced_at", "is", null)
    .orderBy("slot")
    .execute();
  return figureFromRow(row, values.map(valueFromRow));
}

/**
 * Writes the figure and its current values. A current value the figure no longer holds is
 * marked replaced at `at` (history); one it still holds keeps its row; a new one is added.
 */
export async function saveFigure(db: Kysely<Database>, figure: Figure, at: string): Promise<void> {
  const row = {
    id: figure.id,
    blog_id: figure.blogId,
    label: figure.label,
    position: figure.position,
    created_at: figure.createdAt,
    updated_at: figure.updatedAt,
  };
  await db
    .insertInto("figures")
    .values(row)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        label: row.label,
        position: row.position,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  const current = await db
    .selectFrom("figure_values")
    .selectAll()
    .where("figure_id", "=", figure.id)
    .where("replaced_at", "is", null)
    .execute();
  const kept = new Set<string>();
  for (const [slot, value] of figure.values.entries()) {
    const same = current.find(
      (existing) => !kept.has(existing.id) && sameFigureValue(valueFromRow(existing), value),
    );
    if (same) {
      kept.add(same.id);
      if (same.slot !== slot) {
        await db.updateTable("figure_values").set({ slot }).where("id", "=", same.id).execute();
      }
      continue;
    }
    await db
      .insertInto("figure_values")
      .values({
        id: newId(Date.parse(at)),
        figure_id: figure.id,
        blog_id: figure.blogId,
        slot,
        value: String(value.value),
        qualifier: value.qualifier,
        unit: value.unit,
        source_name: value.source.name,
        source_url: value.source.url,
        as_of: value.asOf,
        recorded_at: at,
        replaced_at: null,
      })
      .execute();
  }
  const gone = current.filter((existing) => !kept.has(existing.id)).map((existing) => existing.id);
  if (gone.length > 0) {
    await db
      .updateTable("figure_values")
      .set({ replaced_at: at })
      .where("id", "in", gone)
      .execute();
  }
}

/** The values a figure showed before, newest replaced first. */
export async function listFigureHistory(
  db: Kysely<Database>,
  figureId: string,
): Promise<FigureHistoryEntry[]> {
  const rows = await db
    .selectFrom("figure_values")
    .selectAll()
    .where("figure_id", "=", figureId)
    .where("replaced_at", "is not", null)
    .orderBy("replaced_at", "desc")
    .orderBy("recorded_at", "desc")
    .orderBy("slot")
    .execute();
  return rows.map((row) => ({
    ...valueFromRow(row),
    recordedAt: row.recorded_at,
    replacedAt: row.replaced_at ?? row.recorded_at,
  }));
}

/** Removes a figure and its whole history: nothing of it stays readable. */
export async function deleteFigure(
  db: Kysely<Database>,
  blogId: string,
  figureId: string,
): Promise<boolean> {
  await db.deleteFrom("figure_values").where("figure_id", "=", figureId).execute();
  const result = await db
    .deleteFrom("figures")
    .where("blog_id", "=", blogId)
    .where("id", "=", figureId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Writes an imported figure's history as it was (operations/transfer/). */
export async function insertFigureHistory(
  db: Kysely<Database>,
  figure: Pick<Figure, "id" | "blogId">,
  history: readonly FigureHistoryEntry[],
): Promise<void> {
  for (const [slot, entry] of history.entries()) {
    await db
      .insertInto("figure_values")
      .values({
        id: newId(Date.parse(entry.recordedAt)),
        figure_id: figure.id,
        blog_id: figure.blogId,
        slot,
        value: String(entry.value),
        qualifier: entry.qualifier,
        unit: entry.unit,
        source_name: entry.source.name,
        source_url: entry.source.url,
        as_of: entry.asOf,
        recorded_at: entry.recordedAt,
        replaced_at: entry.replacedAt,
      })
      .execute();
  }
}
