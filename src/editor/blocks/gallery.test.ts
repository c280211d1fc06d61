import { describe, expect, it } from "vitest";
import { Blocks } from "../../core/content/blocks";
import { blocksToDoc, docToBlocks, publishProblems } from "./convert";
import { NODE } from "./doc";

const gallery = {
  type: "gallery" as const,
  images: [
    {
      src: "/media/u/abc/960.jpg",
      alt: "One",
      caption: "First",
      credit: "A. Lee",
      width: 1600,
      height: 900,
    },
    { src: "https://images.example/2.jpg", alt: "Two" },
  ],
  caption: "The storm",
};

describe("a gallery in the composer", () => {
  it("round-trips through the composer's document exactly", () => {
    const blocks = [{ type: "paragraph" as const, text: "Before" }, gallery];
    const doc = blocksToDoc(blocks);
    expect(doc.content?.[1]?.type).toBe(NODE.gallery);
    expect(docToBlocks(doc)).toEqual(blocks);
    expect(Blocks.safeParse(docToBlocks(doc)).success).toBe(true);
  });

  it("sends edited captions and credits, leaves out uploads in flight, and names what is missing", () => {
    const doc = blocksToDoc([gallery]);
    const node = doc.content?.[0];
    const images = node?.attrs?.images as Record<string, unknown>[];
    images[1] = { ...images[1], caption: " Second ", credit: "B. Kay" };
    images.push({
      src: "",
      alt: "",
      caption: "",
      credit: "",
      width: null,
      height: null,
      uploadId: "u1",
    });
    const [block] = docToBlocks(doc);
    expect(block).toEqual({
      ...gallery,
      images: [gallery.images[0], { ...gallery.images[1], caption: "Second", credit: "B. Kay" }],
    });
    expect(publishProblems(doc)).toEqual(["Gallery 1, image 3 is still uploading."]);
    images[0] = { ...images[0], alt: " " };
    expect(publishProblems(doc)).toContain("Gallery 1, image 1 needs alt text.");
  });

  it("becomes a single image when one picture is left", () => {
    const doc = blocksToDoc([gallery]);
    const node = doc.content?.[0];
    if (node?.attrs) node.attrs.images = (node.attrs.images as unknown[]).slice(1);
    expect(docToBlocks(doc)).toEqual([
      { type: "image", src: "https://images.example/2.jpg", alt: "Two" },
    ]);
  });
});
