import { describe, expect, it } from "vitest";
import type { Block } from "../../core/content/blocks";
import { blocksToDoc, docToBlocks } from "./convert";

describe("a poll in the composer", () => {
  it("goes back to the server as it came, its ids kept and its results left to the server", () => {
    const poll: Block = {
      type: "poll",
      id: "post1-abcdef",
      question: "Reopen the bridge?",
      answers: [
        { id: "yes", text: "Yes" },
        { id: "no", text: "No" },
      ],
      closesAt: "2026-05-01T12:00:00Z",
      results: { totals: { yes: 3, no: 1 }, total: 4 },
    };
    const { results: _results, ...sent } = poll;
    expect(docToBlocks(blocksToDoc([{ type: "paragraph", text: "Before" }, poll]))).toEqual([
      { type: "paragraph", text: "Before" },
      sent,
    ]);
  });
});
