import type { Figure, FigureHistoryEntry } from "../../../core/figures.js";
import type { MediaItem, MediaSearch } from "../../../core/media.js";
import type { NumbersBatch } from "../../../core/numbers.js";
import type { FigureStore, MediaLibraryStore, NumbersStore } from "../../../core/ports.js";
import * as figures from "../figures.js";
import * as media from "../media.js";
import * as numbers from "../numbers.js";
import type { SqlPart } from "./scope.js";

export function withDesk<Base extends SqlPart>(base: Base) {
  return class DeskPart extends base implements MediaLibraryStore, FigureStore, NumbersStore {
    insertMedia(item: MediaItem): Promise<void> {
      return media.insertMedia(this.db, item);
    }

    findMedia(id: string): Promise<MediaItem | undefined> {
      return media.findMedia(this.db, id);
    }

    updateMedia(item: MediaItem): Promise<void> {
      return media.updateMedia(this.db, item);
    }

    listMedia(query: MediaSearch): Promise<MediaItem[]> {
      return media.listMedia(this.db, query);
    }

    uploadsInUse(ids: readonly string[]): Promise<Set<string>> {
      return media.uploadsInUse(this.db, ids);
    }

    deleteMedia(id: string): Promise<void> {
      return media.deleteMedia(this.db, id);
    }

    listFigures(blogId: string): Promise<Figure[]> {
      return figures.listFigures(this.db, blogId);
    }

    findFigure(blogId: string, figureId: string): Promise<Figure | undefined> {
      return figures.findFigure(this.db, blogId, figureId);
    }

    saveFigure(figure: Figure, at: string): Promise<void> {
      return this.inTransaction((db) => figures.saveFigure(db, figure, at));
    }

    listFigureHistory(figureId: string): Promise<FigureHistoryEntry[]> {
      return figures.listFigureHistory(this.db, figureId);
    }

    insertFigureHistory(
      figure: Pick<Figure, "id" | "blogId">,
      history: readonly FigureHistoryEntry[],
    ): Promise<void> {
      return figures.insertFigureHistory(this.db, figure, history);
    }

    deleteFigure(blogId: string, figureId: string): Promise<boolean> {
      return this.inTransaction((db) => figures.deleteFigure(db, blogId, figureId));
    }

    addNumbers(batch: NumbersBatch): Promise<void> {
      return this.inTransaction((db) => numbers.addNumbers(db, batch));
    }

    sumReaders(blogId: string, fromMinute: string): Promise<Map<string, number>> {
      return numbers.sumReaders(this.db, blogId, fromMinute);
    }

    topPosts(blogId: string, fromHour: string, limit: number) {
      return numbers.topPosts(this.db, blogId, fromHour, limit);
    }

    embedHosts(blogId: string, fromHour: string, limit: number) {
      return numbers.embedHosts(this.db, blogId, fromHour, limit);
    }

    pruneNumbers(before: string): Promise<number> {
      return numbers.pruneNumbers(this.db, before);
    }
  };
}
