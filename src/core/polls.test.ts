import { describe, expect, it } from "vitest";
import type { Block } from "./content/blocks.js";
import { Block as BlockSchema } from "./content/blocks.js";
import { isPollClosed, postIdOfPoll, resultsFor, settledPolls } from "./polls.js";

const poll = (extra: Record<string, unknown> = {}): Block =>
  BlockSchema.parse({
    type: "poll",
    question: "Reopen the bridge?",
    answers: [{ id: "yes", text: "Yes" }, { text: "No" }],
    ...extra,
  });

describe("settledPolls", () => {
  it("gives a poll an id of its post and each answer an id unique in its poll", () => {
    const [settled] = settledPolls([poll()], "post1");
    if (settled?.type !== "poll") throw new Error("not a poll");
    expect(postIdOfPoll(settled.id ?? "")).toBe("post1");
    expect(settled.answers[0]?.id).toBe("yes");
    expect(settled.answers[1]?.id).toMatch(/^[a-z0-9]{6}$/);
  });

  it("replaces another post's poll id and a repeated one, and keeps its own", () => {
    const own = poll({ id: "post1-abcdef" });
    const foreign = poll({ id: "post2-abcdef" });
    const [a, b, c] = settledPolls([own, foreign, own], "post1");
    expect(a?.type === "poll" && a.id).toBe("post1-abcdef");
    expect(b?.type === "poll" && b.id).not.toBe("post2-abcdef");
    expect(c?.type === "poll" && c.id).not.toBe("post1-abcdef");
  });

  it("drops a client's results and keeps the post's own, for the answers it still has", () => {
    const stored = {
      blocks: [
        poll({
          id: "post1-abcdef",
          answers: [
            { id: "yes", text: "Yes" },
            { id: "no", text: "No" },
          ],
          results: { totals: { yes: 3, no: 2 }, total: 5 },
        }),
      ],
    };
    const sent = poll({
      id: "post1-abcdef",
      answers: [
        { id: "yes", text: "Yes, now" },
        { id: "later", text: "Later" },
      ],
      results: { totals: { yes: 100 }, total: 100 },
    });
    const [kept] = settledPolls([sent], "post1", stored);
    expect(kept?.type === "poll" && kept.results).toEqual({
      totals: { yes: 3, later: 0 },
      total: 3,
    });
    const [fresh] = settledPolls([sent], "post1");
    expect(fresh?.type === "poll" && fresh.results).toBeUndefined();
  });
});

describe("a poll's results and closing", () => {
  it("counts only the poll's answers", () => {
    expect(
      resultsFor(
        [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        { a: 2, gone: 7 },
      ),
    ).toEqual({
      totals: { a: 2, b: 0 },
      total: 2,
    });
  });

  it("is closed from its closing time on", () => {
    const closing = poll({ closesAt: "2026-05-01T12:00:00Z" });
    if (closing.type !== "poll") throw new Error("not a poll");
    expect(isPollClosed(closing, new Date("2026-05-01T11:59:59Z"))).toBe(false);
    expect(isPollClosed(closing, new Date("2026-05-01T12:00:00Z"))).toBe(true);
  });

  it("refuses fewer than 2 or more than 6 answers", () => {
    const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `A${i}` }));
    expect(
      BlockSchema.safeParse({ type: "poll", question: "Q", answers: answers(1) }).success,
    ).toBe(false);
    expect(
      BlockSchema.safeParse({ type: "poll", question: "Q", answers: answers(7) }).success,
    ).toBe(false);
    expect(
      BlockSchema.safeParse({ type: "poll", question: "Q", answers: answers(6) }).success,
    ).toBe(true);
  });
});
