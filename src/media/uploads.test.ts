import { describe, expect, it } from "vitest";
import { ProcessingGate } from "./uploads.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("ProcessingGate", () => {
  it("runs at most its limit at once, in arrival order, and survives failures", async () => {
    const gate = new ProcessingGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (n: number) =>
      gate.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        if (n === 1) throw new Error("damaged image");
        return n;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(work));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => r.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    // The slots all came back: a new piece of work starts at once.
    expect(await gate.run(async () => "free")).toBe("free");
  });
});
