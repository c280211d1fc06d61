import { describe, expect, it } from "vitest";
import { blockedWordIn, type Comment, threadComments } from "./comments.js";

const comment = (id: string, parentId: string | null = null): Comment => ({
  id,
  blogId: "b",
  parentId,
  name: `Name ${id}`,
  text: `Words ${id}`,
  status: "approved",
  heldFor: null,
  reports: 0,
  addressKey: "secret-key",
  createdAt: "2026-12-07T10:00:00.000Z",
  moderatedAt: null,
});

describe("the blocked words", () => {
  it("match whole words and phrases in any case, not words that merely contain them", () => {
    const words = ["scam", "fake news", "ложь"];
    expect(blockedWordIn("What a SCAM.", words)).toBe("scam");
    expect(blockedWordIn("This is Fake  news", words)).toBeUndefined();
    expect(blockedWordIn("this is fake news!", words)).toBe("fake news");
    expect(blockedWordIn("Scampi at the quay", words)).toBeUndefined();
    expect(blockedWordIn("Это ЛОЖЬ", words)).toBe("ложь");
    expect(blockedWordIn("Anything", [])).toBeUndefined();
  });
});

describe("threads", () => {
  it("put replies under their comment and never show the sender's address key", () => {
    const threads = threadComments(
      [comment("a"), comment("b")],
      [comment("c", "a"), comment("d", "a"), comment("e", "gone")],
    );
    expect(threads.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([
      ["a", ["c", "d"]],
      ["b", []],
    ]);
    expect(JSON.stringify(threads)).not.toContain("secret-key");
  });
});
