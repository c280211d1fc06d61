// The share card's drawing: hostile words stay text in the SVG, and long words and titles
// fit the card's lines.

import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { shareCardSvg, svgText, wrapLines } from "./share-card.js";

describe("the share card", () => {
  it("escapes XML's specials and drops what XML cannot hold", () => {
    expect(svgText(`<svg onload="x">&'\u0000\u0007\uFFFE\uD800ok`)).toBe(
      "&lt;svg onload=&quot;x&quot;&gt;&amp;&apos;ok",
    );
    expect(svgText("مرحبا 😀")).toBe("مرحبا 😀");
  });

  it("wraps words into lines, cuts a word longer than a line and ends a cut text with …", () => {
    expect(wrapLines("one two three four", 9, 3)).toEqual(["one two", "three", "four"]);
    expect(wrapLines("a".repeat(30), 10, 2)).toEqual([`${"a".repeat(9)}…`]);
    const lines = wrapLines("one two three four five six", 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith("…")).toBe(true);
  });

  it("stays a well-formed SVG that sharp renders, whatever the title", async () => {
    const blog = { title: "</text><script>x</script>", language: "ar" } as Blog;
    const post = {
      title: `]]><!-- "&amp; <b>`,
      blocks: [{ type: "paragraph", text: "\u0001<svg/onload=alert(1)>" }],
    } as unknown as Post;
    const svg = shareCardSvg(blog, post);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain('text-anchor="end"');
    const meta = await sharp(Buffer.from(svg))
      .png()
      .toBuffer()
      .then((png) => sharp(png).metadata());
    expect([meta.width, meta.height]).toEqual([1200, 630]);
  });
});
