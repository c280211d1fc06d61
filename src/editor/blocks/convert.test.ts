// Composer document ⇄ content blocks: every block type, validated by the server's own schema.

import { describe, expect, it } from "vitest";
import { Blocks } from "../../core/content/blocks";
import {
  type Block,
  blocksToDoc,
  blocksToPlainText,
  docToBlocks,
  firstWords,
  publishProblems,
} from "./convert";
import type { DocNode } from "./doc";

const every: Block[] = [
  { type: "paragraph", text: "The **Orlen bridge** is *open* again: [map](https://example.org/m)" },
  { type: "heading", text: "What we know", level: 3 },
  { type: "heading", text: "Level two", level: 2 },
  { type: "heading", text: "Why the **river** *rose*: [gauge](https://example.org/g)", level: 2 },
  { type: "paragraph", text: "First line\nsecond **bold\nline**" },
  { type: "quote", text: "We are *ready*.", cite: "Mayor Ana Ruiz" },
  { type: "quote", text: "Unattributed" },
  { type: "list", ordered: false, items: ["one", "**two**"] },
  { type: "list", ordered: true, items: ["first", "two\nlines"] },
  {
    type: "image",
    src: "/media/u/abc/1600.jpg",
    alt: "Flooded street",
    caption: "Main St",
    credit: "AP",
  },
  { type: "image", src: "https://images.example/x.jpg", alt: "" },
  { type: "embed", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", caption: "Drone view" },
  { type: "embed", url: "https://example.org/report" },
  { type: "divider" },
];

describe("blocks ⇄ doc", () => {
  it("round-trips every block type exactly", () => {
    expect(Blocks.parse(every)).toEqual(every);
    expect(docToBlocks(blocksToDoc(every))).toEqual(every);
  });

  it("turns a composed document into valid blocks, leaving out empty paragraphs", () => {
    const doc: DocNode = {
      type: "doc",
      content: [
        { type: "paragraph" },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bold", marks: [{ type: "bold" }] },
            { type: "text", text: " and 2*3" },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "   " }] },
        {
          type: "quote",
          attrs: { cite: "  Chief  " },
          content: [{ type: "text", text: "Stay home." }],
        },
        {
          type: "image",
          attrs: {
            src: "/media/u/1/1600.jpg",
            alt: "x",
            decorative: true,
            caption: "",
            credit: "",
          },
        },
        { type: "image", attrs: { src: "", alt: "uploading" } },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "outer" }] },
                {
                  type: "orderedList",
                  content: [
                    {
                      type: "listItem",
                      content: [{ type: "paragraph", content: [{ type: "text", text: "inner" }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const blocks = docToBlocks(doc);
    expect(blocks).toEqual([
      { type: "paragraph", text: String.raw`**Bold** and 2\*3` },
      { type: "quote", text: "Stay home.", cite: "Chief" },
      { type: "image", src: "/media/u/1/1600.jpg", alt: "" },
      { type: "list", ordered: false, items: ["outer", "inner"] },
    ]);
    expect(Blocks.safeParse(blocks).success).toBe(true);
  });

  it("keeps a heading's level, and gives one without a level the level it shows (2)", () => {
    const two: Block[] = [{ type: "heading", text: "Two", level: 2 }];
    expect(docToBlocks(blocksToDoc(two))).toEqual(two);
    expect(docToBlocks(blocksToDoc([{ type: "heading", text: "None" }]))).toEqual([
      { type: "heading", text: "None", level: 2 },
    ]);
  });

  it("writes hard breaks as newlines and marks in headings as markup", () => {
    const text = (value: string, marks?: string[]): DocNode => ({
      type: "text",
      text: value,
      ...(marks ? { marks: marks.map((type) => ({ type })) } : {}),
    });
    const doc: DocNode = {
      type: "doc",
      content: [
        {
          type: "heading",
          attrs: { level: 2 },
          content: [text(" River "), text("breaks", ["bold"]), { type: "hardBreak" }],
        },
        {
          type: "paragraph",
          content: [text("First line"), { type: "hardBreak" }, text("second line")],
        },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [text("pasted")] },
                { type: "paragraph", content: [text("as two")] },
              ],
            },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { type: "heading", text: "River **breaks**", level: 2 },
      { type: "paragraph", text: "First line\nsecond line" },
      { type: "list", ordered: false, items: ["pasted\nas two"] },
    ]);
  });

  it("opens an empty post as one empty paragraph", () => {
    expect(blocksToDoc([])).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });
});

describe("publishProblems", () => {
  const image = (attrs: Record<string, unknown>): DocNode => ({
    type: "doc",
    content: [{ type: "image", attrs: { src: "/media/u/1/1600.jpg", alt: "", ...attrs } }],
  });

  it("asks for alt text unless the image is marked decorative", () => {
    expect(publishProblems(image({}))).toEqual([
      'Image 1 needs alt text, or tick "Decorative image (no alt text)" if it adds nothing.',
    ]);
    expect(publishProblems(image({ decorative: true }))).toEqual([]);
    expect(publishProblems(image({ alt: "A flooded road" }))).toEqual([]);
  });

  it("refuses an empty post and an image still uploading", () => {
    expect(publishProblems({ type: "doc", content: [{ type: "paragraph" }] })).toEqual([
      "Write something before publishing.",
    ]);
    expect(publishProblems(image({ src: "" }))).toContain("Image 1 is still uploading.");
  });

  it("holds another site's image until it is confirmed and credited, and saves it only then", () => {
    const pasted = { src: "https://photos.example/a.jpg", alt: "Crowds" };
    const flagged = image({ ...pasted, pastedFrom: pasted.src });
    expect(publishProblems(flagged)).toContain(
      "Image 1 was pasted from photos.example and could not be copied into Dispatch: upload the file instead, or confirm it may be shown from there.",
    );
    expect(docToBlocks(flagged)).toEqual([]);
    const confirmed = image({ ...pasted, pastedFrom: pasted.src, linkConfirmed: true });
    expect(publishProblems(confirmed)).toEqual([
      "Image 1 is shown from photos.example: add a credit naming its owner.",
    ]);
    const credited = image({
      ...pasted,
      pastedFrom: pasted.src,
      linkConfirmed: true,
      credit: "AP",
    });
    expect(publishProblems(credited)).toEqual([]);
    expect(docToBlocks(credited)).toEqual([{ type: "image", ...pasted, credit: "AP" }]);
  });
});

describe("blocksToPlainText", () => {
  it("keeps every word of a version for copying", () => {
    const text = blocksToPlainText(every);
    for (const word of ["Orlen bridge", "Mayor Ana Ruiz", "**two**", "Main St", "youtube.com"])
      expect(text).toContain(word);
  });
});

describe("firstWords", () => {
  it("names a post by its first words, without markup or line breaks", () => {
    expect(
      firstWords([
        { type: "divider" },
        { type: "heading", text: "River **breaks**\nits [banks](https://a.example)", level: 2 },
      ]),
    ).toBe("River breaks its banks");
    expect(firstWords([{ type: "divider" }])).toBe("");
  });
});
