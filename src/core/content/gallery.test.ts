import { describe, expect, it } from "vitest";
import { parseInput } from "../validation.js";
import { Blocks } from "./blocks.js";
import { blocksToPlainText, renderBlocks } from "./render.js";
import { renderAmpBlocks } from "./render-amp.js";

const images = [
  {
    src: "/media/u/abc123/960.jpg",
    alt: "Flooded street",
    caption: "Main St",
    credit: "A. Lee",
    width: 1600,
    height: 1067,
  },
  { src: "https://images.example/b.jpg", alt: "Boat <rescue>", caption: "Boats & crews" },
  { src: "https://images.example/c.jpg", alt: "Sandbags", width: 800, height: 800 },
];

describe("the gallery block", () => {
  it("takes 2 to 20 images, each as an image block's fields", () => {
    expect(Blocks.safeParse([{ type: "gallery", images, caption: "The flood" }]).success).toBe(
      true,
    );
    const one = Blocks.safeParse([{ type: "gallery", images: images.slice(0, 1) }]);
    expect(one.success).toBe(false);
    const many = Array.from({ length: 21 }, () => images[2]);
    expect(Blocks.safeParse([{ type: "gallery", images: many }]).success).toBe(false);
    expect(() =>
      parseInput(Blocks, [
        { type: "gallery", images: [images[0], { src: "javascript:x", alt: "" }] },
      ]),
    ).toThrow(/Image sources/);
    const extra = [{ type: "gallery", images: [images[0], { ...images[1], onload: "x" }] }];
    expect(Blocks.safeParse(extra).success).toBe(false);
  });

  it("renders one snapping scroller of figures, each image sized, every value escaped", () => {
    const html = renderBlocks([{ type: "gallery", images, caption: "The <flood>" }]);
    expect(html).toMatch(
      /^<figure class="gallery"><div class="gallery-track" tabindex="0" role="region" aria-label="Gallery, 3 images: The &lt;flood&gt;">/,
    );
    expect(html.match(/<figure class="gallery-item">/g)).toHaveLength(3);
    expect(html).toContain('srcset="/media/u/abc123/480.webp 480w');
    expect(html).toContain('width="1600" height="1067"');
    expect(html).toContain('alt="Boat &lt;rescue&gt;" width="1600" height="900" class="unsized"');
    expect(html).toContain('width="800" height="800"');
    expect(html).toContain('<span class="caption">Boats &amp; crews</span>');
    expect(html).toContain('<span class="credit">A. Lee</span>');
    expect(html).toContain('<div class="gallery-nav" hidden>');
    expect(html).toContain("<figcaption>The &lt;flood&gt;</figcaption></figure>");
    expect(html).not.toContain("<rescue>");
  });

  it("renders for AMP as amp-img figures, and its captions as plain text", () => {
    const amp = renderAmpBlocks([{ type: "gallery", images }]);
    expect(amp.match(/<amp-img /g)).toHaveLength(3);
    expect(amp).not.toMatch(/<img|<picture|tabindex/);
    expect(blocksToPlainText([{ type: "gallery", images, caption: "The flood" }])).toBe(
      "Main St\nBoats & crews\nThe flood",
    );
  });
});
