import { describe, expect, it } from "vitest";
import { TagsInput, tagSlug } from "./tags.js";

describe("tag slugs", () => {
  it("keep every script's letters and digits, and make the rest one dash", () => {
    expect(tagSlug("Middle East")).toBe("middle-east");
    expect(tagSlug("  Kyiv!! ")).toBe("kyiv");
    expect(tagSlug("Київ")).toBe("київ");
    expect(tagSlug("الدبلوماسية")).toBe("الدبلوماسية");
    expect(tagSlug("G7 / G20")).toBe("g7-g20");
    // Compatibility forms fold to one: full-width letters are the same tag.
    expect(tagSlug("ＫＹＩＶ")).toBe("kyiv");
    expect(tagSlug("!!!")).toBe("");
  });
});

describe("a post's tags", () => {
  it("are trimmed, keep their case, and are refused doubled in another case", () => {
    expect(TagsInput.parse(["  Air   defence ", "Kyiv"])).toEqual(["Air defence", "Kyiv"]);
    const doubled = TagsInput.safeParse(["Kyiv", "KYIV"]);
    expect(doubled.success).toBe(false);
    expect(doubled.error?.issues[0]?.path).toEqual([1]);
  });
});
