// What a desk search looks in and for: the words a reader sees, folded the same way on both
// sides, never the markup around them.

import { describe, expect, it } from "vitest";
import { searchableAuthor, searchableText, searchWords } from "./search.js";

describe("desk search words", () => {
  it("keeps a post's title and text without markup, lower-cased, on one line", () => {
    const text = searchableText({
      title: "Storm  LANDS",
      blocks: [
        { type: "paragraph", text: "Winds of **90mph** at [Porthleven](https://example.com)" },
        { type: "list", ordered: false, items: ["Roads *closed*"] },
        { type: "image", src: "https://images.example/a.jpg", alt: "Waves", caption: "Pier" },
      ],
    });
    expect(text).toBe("storm lands winds of 90mph at porthleven roads closed pier");
  });

  it("folds the byline and the words asked for alike, each word once", () => {
    expect(searchableAuthor({ authorName: " Zoë  OKAFOR " })).toBe("zoë okafor");
    expect(searchWords("  Harbour\tWALL harbour ")).toEqual(["harbour", "wall"]);
    expect(searchWords("   ")).toEqual([]);
  });
});
