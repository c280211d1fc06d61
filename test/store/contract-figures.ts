// Key figures' part of the Store contract (contract.ts runs it on every backend): values read
// back as written (decimals too), an unchanged value makes no history, a replaced one keeps
// its source and times, order follows position, and deleting a figure takes its history.

import { describe, expect, it } from "vitest";
import type { Figure, FigureValue } from "../../src/core/figures.js";
import { newId } from "../../src/core/ids.js";
import type { DatabaseStore } from "../../src/store/index.js";
import { makeBlog } from "../helpers/factories.js";

const AT = "2026-12-06T18:00:00.000Z";
const LATER = "2026-12-06T19:00:00.000Z";

const value = (overrides: Partial<FigureValue> = {}): FigureValue => ({
  value: 1200,
  qualifier: "at least",
  unit: "people",
  source: { name: "Interior ministry", url: "https://ministry.example/s" },
  asOf: AT,
  ...overrides,
});

export function describeFiguresContract(store: () => DatabaseStore): void {
  describe("key figures", () => {
    it("keeps values as written, history for replaced ones, and order by position", async () => {
      const blog = makeBlog();
      await store().insertBlog(blog);
      const monitors = value({
        value: 1850.5,
        qualifier: null,
        source: { name: "Monitors", url: null },
      });
      const figure: Figure = {
        id: newId(),
        blogId: blog.id,
        label: "Detained",
        position: 1,
        values: [value(), monitors],
        createdAt: AT,
        updatedAt: AT,
      };
      await store().saveFigure(figure, AT);
      const first: Figure = { ...figure, id: newId(), label: "Injured", position: 0 };
      await store().saveFigure(first, AT);
      expect((await store().listFigures(blog.id)).map((f) => f.label)).toEqual([
        "Injured",
        "Detained",
      ]);
      expect(await store().findFigure(blog.id, figure.id)).toEqual(figure);

      const next = { ...figure, values: [value({ value: 1400, asOf: LATER }), monitors] };
      await store().saveFigure(next, LATER);
      expect((await store().findFigure(blog.id, figure.id))?.values).toEqual(next.values);
      expect(await store().listFigureHistory(figure.id)).toEqual([
        { ...value(), recordedAt: AT, replacedAt: LATER },
      ]);

      expect(await store().deleteFigure(blog.id, figure.id)).toBe(true);
      expect(await store().findFigure(blog.id, figure.id)).toBeUndefined();
      expect(await store().listFigureHistory(figure.id)).toEqual([]);
      expect(await store().deleteFigure(blog.id, figure.id)).toBe(false);
      expect((await store().listFigures(blog.id)).map((f) => f.label)).toEqual(["Injured"]);
    });
  });
}
