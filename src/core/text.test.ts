// The shared string schemas refuse U+0000 for every caller (the CLI as well as the API),
// naming the field at fault.

import { describe, expect, it } from "vitest";
import { BlogCreateInput } from "./blog.js";
import { PostCreateInput } from "./post.js";
import { Email } from "./user.js";
import { parseInput } from "./validation.js";

const NUL = "\u0000";

describe("text with a NUL character", () => {
  it("is refused in a blog's headline, a post's body and an email", () => {
    expect(() => parseInput(BlogCreateInput, { slug: "a", title: `A${NUL}` })).toThrow(
      expect.objectContaining({ code: "validation_failed", field: "title" }),
    );
    expect(() =>
      parseInput(PostCreateInput, { blocks: [{ type: "paragraph", text: `b${NUL}` }] }),
    ).toThrow(expect.objectContaining({ field: "blocks[0].text" }));
    expect(() => parseInput(Email, `a${NUL}@b.example`, "email")).toThrow(
      expect.objectContaining({ field: "email" }),
    );
  });

  it("leaves other control characters and text alone", () => {
    expect(parseInput(BlogCreateInput, { slug: "a", title: "Tab\there" }).title).toBe("Tab\there");
  });
});
