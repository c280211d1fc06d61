// Key figures as the API answers them and the `figures` live event carries them: the same
// JSON in both, so the reader script can draw the box from either.

import type { BoxFigure, Figure, FigureHistoryEntry, FigureValue } from "../../core/figures.js";

export interface FigureValueJson {
  value: number;
  qualifier: FigureValue["qualifier"];
  unit: string;
  source: { name: string; url: string | null };
  asOf: string;
}

export interface FigureJson {
  id: string;
  label: string;
  position: number;
  values: FigureValueJson[];
  createdAt: string;
  updatedAt: string;
}

export function presentFigureValue(value: FigureValue): FigureValueJson {
  return {
    value: value.value,
    qualifier: value.qualifier,
    unit: value.unit,
    source: { name: value.source.name, url: value.source.url },
    asOf: value.asOf,
  };
}

export function presentFigure(figure: Figure): FigureJson {
  return {
    id: figure.id,
    label: figure.label,
    position: figure.position,
    values: figure.values.map(presentFigureValue),
    createdAt: figure.createdAt,
    updatedAt: figure.updatedAt,
  };
}

export interface BoxFigureJson extends FigureJson {
  history: (FigureValueJson & { recordedAt: string; replacedAt: string })[];
}

function presentHistoryEntry(entry: FigureHistoryEntry) {
  return {
    ...presentFigureValue(entry),
    recordedAt: entry.recordedAt,
    replacedAt: entry.replacedAt,
  };
}

/** The whole box: `GET …/figures` and the `figures` event's data. */
export function presentFigures(figures: readonly BoxFigure[]): { figures: BoxFigureJson[] } {
  return {
    figures: figures.map((figure) => ({
      ...presentFigure(figure),
      history: figure.history.map(presentHistoryEntry),
    })),
  };
}

export function presentFigureHistory(
  figure: Figure,
  history: readonly FigureHistoryEntry[],
): { id: string; label: string; values: FigureValueJson[]; history: unknown[] } {
  return {
    id: figure.id,
    label: figure.label,
    values: figure.values.map(presentFigureValue),
    history: history.map(presentHistoryEntry),
  };
}
