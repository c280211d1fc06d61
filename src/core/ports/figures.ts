// What the core asks of the store about key figures (core/figures.ts).

import type { Figure, FigureHistoryEntry } from "../figures.js";

/** A blog's key figures and their history (core/figures.ts, operations/figures.ts). */
export interface FigureStore {
  /** The blog's figures with their current values, in the box's order. */
  listFigures(blogId: string): Promise<Figure[]>;
  findFigure(blogId: string, figureId: string): Promise<Figure | undefined>;
  /** Writes the figure; each current value it no longer holds becomes history at `at`. */
  saveFigure(figure: Figure, at: string): Promise<void>;
  /** The values the figure showed before, newest replaced first. */
  listFigureHistory(figureId: string): Promise<FigureHistoryEntry[]>;
  /** An imported figure's history, as it was. */
  insertFigureHistory(
    figure: Pick<Figure, "id" | "blogId">,
    history: readonly FigureHistoryEntry[],
  ): Promise<void>;
  /** Removes the figure with its history; false if there was none. */
  deleteFigure(blogId: string, figureId: string): Promise<boolean>;
}
