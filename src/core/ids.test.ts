import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("newId", () => {
  it("is 17 URL-safe characters, ordered by the time it was made", () => {
    const earlier = newId(Date.parse("2026-11-26T09:00:00.000Z"));
    const later = newId(Date.parse("2026-11-26T09:00:00.001Z"));
    expect(earlier).toMatch(/^[0-9a-hjkmnp-tv-z]{17}$/);
    expect(earlier.slice(0, 9) < later.slice(0, 9)).toBe(true);
  });

  it("never repeats within one millisecond, across refills of its random pool", () => {
    const at = Date.parse("2026-11-26T09:00:00.000Z");
    // 2,000 ids use the pool of 256 ids' bytes eight times over.
    const ids = Array.from({ length: 2_000 }, () => newId(at));
    expect(new Set(ids).size).toBe(ids.length);
    // The random part uses the whole alphabet, not a corner of it.
    const tails = new Set(ids.flatMap((id) => [...id.slice(9)]));
    expect(tails.size).toBe(32);
  });
});
