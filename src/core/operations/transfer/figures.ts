// A blog's key figures through export and import: every figure with its values now and its
// whole history out; in again as they were (a figure the blog already holds is replaced only
// by a newer one, its values then becoming history as any update's do).

import { type Figure, type FigureHistoryEntry, figureValueOf } from "../../figures.js";
import { newId } from "../../ids.js";
import type { Store } from "../../ports.js";
import type { ExportedFigure } from "../../transfer/document.js";

export async function exportFigures(store: Store, blogId: string): Promise<ExportedFigure[]> {
  const figures = await store.listFigures(blogId);
  const out: ExportedFigure[] = [];
  for (const figure of figures) {
    const history = await store.listFigureHistory(figure.id);
    out.push({
      id: figure.id,
      label: figure.label,
      position: figure.position,
      values: figure.values.map(exportedValue),
      history: history.map((entry) => ({
        ...exportedValue(entry),
        recordedAt: entry.recordedAt,
        replacedAt: entry.replacedAt,
      })),
      createdAt: figure.createdAt,
      updatedAt: figure.updatedAt,
    });
  }
  return out;
}

function exportedValue(value: Figure["values"][number]) {
  return {
    value: value.value,
    qualifier: value.qualifier,
    unit: value.unit,
    source: { name: value.source.name, url: value.source.url },
    asOf: value.asOf,
  };
}

/**
 * Writes the document's figures into the blog; true when anything changed. Into another
 * blog than the one exported (a merge), figures get new ids: the original keeps its own.
 */
export async function importFigures(
  store: Store,
  blogId: string,
  figures: readonly ExportedFigure[],
  keepIds: boolean,
): Promise<boolean> {
  let changed = false;
  for (const item of figures) {
    const figure: Figure = {
      id: keepIds ? item.id : newId(Date.parse(item.createdAt)),
      blogId,
      label: item.label,
      position: item.position,
      values: item.values.map(figureValueOf),
      createdAt: new Date(item.createdAt).toISOString(),
      updatedAt: new Date(item.updatedAt).toISOString(),
    };
    const current = keepIds ? await store.findFigure(blogId, figure.id) : undefined;
    if (!current) {
      await store.saveFigure(figure, figure.updatedAt);
      const history: FigureHistoryEntry[] = item.history.map((entry) => ({
        ...figureValueOf(entry),
        recordedAt: new Date(entry.recordedAt).toISOString(),
        replacedAt: new Date(entry.replacedAt).toISOString(),
      }));
      await store.insertFigureHistory(figure, history);
      changed = true;
    } else if (figure.updatedAt > current.updatedAt) {
      await store.saveFigure({ ...figure, createdAt: current.createdAt }, figure.updatedAt);
      changed = true;
    }
  }
  return changed;
}
