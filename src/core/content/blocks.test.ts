import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { parseInput } from "../validation.js";
import { Blocks } from "./blocks.js";

function fieldOf(input: unknown): { field: string | undefined; message: string } {
  try {
    parseInput(Blocks, input, "blocks");
  } catch (error) {
    if (error instanceof DomainError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("content blocks", () => {
  it("accepts every block type in its full form", () => {
    const blocks = [
      {
        type: "paragraph",
        text: "Water **rising** on *Mill Lane*, see [map](https://example.org/map)",
      },
      { type: "heading", text: "Background", level: 2 },
      { type: "heading", text: "Earlier", level: 3 },
      { type: "heading", text: "No level" },
      { type: "heading", text: "Why the **river** rose, see [map](https://example.org/map)" },
      { type: "paragraph", text: "First line\nsecond line" },
      { type: "list", ordered: false, items: ["one\nand a half"] },
      { type: "quote", text: "Stay upstairs", cite: "Chief fire officer" },
      { type: "quote", text: "Unattributed" },
      { type: "list", ordered: true, items: ["one", "**two**"] },
      { type: "list", ordered: false, items: ["a"] },
      {
        type: "image",
        src: "https://cdn.example.org/a.jpg",
        alt: "Flood",
        caption: "High street",
        credit: "Agency",
      },
      { type: "image", src: "/media/2026/11/abc-960.webp", alt: "" },
      { type: "embed", url: "https://www.youtube.com/watch?v=abcdefghijk", caption: "Drone" },
      { type: "embed", url: "http://example.org/story" },
      { type: "divider" },
      { type: "paragraph", text: "Mail [the desk](mailto:desk@example.org)" },
    ];
    expect(parseInput(Blocks, blocks)).toEqual(blocks);
  });

  it.each([
    [[{ type: "paragraph" }], "blocks[0].text"],
    [[{ type: "paragraph", text: "  " }], "blocks[0].text"],
    [
      [
        { type: "paragraph", text: "ok" },
        { type: "marquee", text: "x" },
      ],
      "blocks[1].type",
    ],
    [[{ type: "heading", text: "x", level: 1 }], "blocks[0].level"],
    [[{ type: "quote", text: "x", cite: 5 }], "blocks[0].cite"],
    [[{ type: "list", ordered: true, items: [] }], "blocks[0].items"],
    [[{ type: "list", items: ["x"] }], "blocks[0].ordered"],
    [
      [{ type: "list", ordered: false, items: ["ok", "[x](javascript:alert(1))"] }],
      "blocks[0].items[1]",
    ],
    [[{ type: "image", src: "http://insecure.example/a.jpg", alt: "a" }], "blocks[0].src"],
    [[{ type: "image", src: "javascript:alert(1)", alt: "a" }], "blocks[0].src"],
    [[{ type: "image", src: "/media/../etc/passwd x", alt: "a" }], "blocks[0].src"],
    [[{ type: "image", src: "https://example.org/a.jpg" }], "blocks[0].alt"],
    [[{ type: "embed", url: "javascript:alert(1)" }], "blocks[0].url"],
    [[{ type: "embed", url: "ftp://example.org/file" }], "blocks[0].url"],
    [[{ type: "divider", text: "extra" }], "blocks[0].text"],
    [[{ type: "paragraph", text: "x", html: "<b>x</b>" }], "blocks[0].html"],
  ])("refuses %j naming %s", (input, field) => {
    expect(fieldOf(input).field).toBe(field);
  });

  it("names the field and explains a refused link scheme", () => {
    const problem = fieldOf([{ type: "paragraph", text: "click [here](javascript:alert(1))" }]);
    expect(problem.field).toBe("blocks[0].text");
    expect(problem.message).toMatch(/https:\/\/, http:\/\/ or mailto:/);
  });

  it("keeps every heading that was valid as plain text valid", () => {
    const headings = [
      { type: "heading", text: "5 * 3 [draft] (see below)" },
      { type: "heading", text: "[Not a link](page two)", level: 3 },
      { type: "heading", text: "[Odd](ftp://example.org)" },
    ];
    expect(parseInput(Blocks, headings)).toEqual(headings);
  });

  it("names unknown fields", () => {
    expect(fieldOf([{ type: "paragraph", text: "x", style: "red" }]).message).toMatch(/"style"/);
  });

  // A browser resolves these before it asks, so each one could name any URL of the site,
  // such as a blog's event stream, and every reader's page would open it as an "image".
  it.each([
    "/media/../api/blogs/storm/events",
    "/media/../x",
    "/media/%2e%2e/x",
    "/media/%2E%2E/api/blogs/storm/events",
    "/media/a%2fb.jpg",
    "/media/a/./b",
    "/media/./x.jpg",
    "/media/a/../../x",
    "/media\\..\\x",
    "/media/a\\b.jpg",
    "/media/",
    "/media//x.jpg",
    "/media/a/",
    "/media/.hidden",
    "/media/x.jpg?y=1",
    "/media/x.jpg#y",
    "/api/blogs/storm/events",
    "//evil.example/x.jpg",
  ])("refuses the image source %s", (src) => {
    expect(fieldOf([{ type: "image", src, alt: "" }]).field).toBe("blocks[0].src");
  });

  it.each(["/media/u/abc123/960.jpg", "/media/2026/11/abc-960.webp", "/media/demo/flood_1.v2.jpg"])(
    "keeps the media path %s",
    (src) => {
      expect(parseInput(Blocks, [{ type: "image", src, alt: "" }])).toHaveLength(1);
    },
  );
});
