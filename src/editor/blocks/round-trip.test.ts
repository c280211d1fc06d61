// What the composer shows is what publishes, as a property: for composer documents made of
// every block and mark it offers (generated, tricky characters included), the blocks it sends
// pass the server's own validation unchanged, survive a round trip back into the composer, and
// render with every mark and line break the document showed, safely escaped.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Blocks } from "../../core/content/blocks";
import { renderBlock } from "../../core/content/render";
import { blocksToDoc, docToBlocks } from "./convert";
import { type DocMark, type DocNode, NODE } from "./doc";

// Characters that mean something to the markup or to HTML, among ordinary ones.
const CHARS = [..."abcXYZ 019*[]()\\<>&\"'_#-!.,"];
const HREFS = [
  "https://example.org/map",
  "https://en.wikipedia.org/wiki/Storm_(weather)",
  "https://example.org/a b?q=1&r=<2>",
  "http://example.org/",
  "mailto:desk@example.org",
];

const chars = fc.array(fc.constantFrom(...CHARS), { maxLength: 12 });
/** Text with at least one letter: it can never be trimmed away. */
const words = fc
  .tuple(chars, fc.constantFrom(..."abcXYZ"), chars)
  .map(([a, b, c]) => a.join("") + b + c.join(""));
const blank = fc.constantFrom(" ", "  ");

const marks = fc
  .record({ bold: fc.boolean(), italic: fc.boolean(), link: fc.option(fc.constantFrom(...HREFS)) })
  .map(({ bold, italic, link }) => {
    const out: DocMark[] = [];
    if (link) out.push({ type: "link", attrs: { href: link } });
    if (bold) out.push({ type: "bold" });
    if (italic) out.push({ type: "italic" });
    return out;
  });

const withMarks = (node: DocNode, list: DocMark[]): DocNode =>
  list.length ? { ...node, marks: list } : node;

const textNode = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: words }, { weight: 1, arbitrary: blank }), marks)
  .map(([text, list]) => withMarks({ type: NODE.text, text }, list));
// Tiptap may keep marks on a hard break; they must not matter.
const hardBreak = marks.map((list) => withMarks({ type: NODE.hardBreak }, list));

const inlineNode = fc.oneof(
  { weight: 4, arbitrary: textNode },
  { weight: 1, arbitrary: hardBreak },
);
const inline = fc.array(inlineNode, { minLength: 1, maxLength: 8 });
/** Inline content that starts with words, so a list item built on it is kept. */
const wordyInline = fc
  .tuple(words, marks, inline)
  .map(([text, list, rest]) => [withMarks({ type: NODE.text, text }, list), ...rest]);

const short = fc.oneof(fc.constant(""), words);
const paragraph = (content: DocNode[]): DocNode => ({ type: NODE.paragraph, content });

const listItem = fc
  .tuple(wordyInline, fc.array(inline, { maxLength: 1 }))
  .map(([first, more]) => ({ type: NODE.listItem, content: [first, ...more].map(paragraph) }));

const block: fc.Arbitrary<DocNode> = fc.oneof(
  inline.map(paragraph),
  fc
    .tuple(fc.constantFrom(2, 3), inline)
    .map(([level, content]) => ({ type: NODE.heading, attrs: { level }, content })),
  fc
    .tuple(inline, short)
    .map(([content, cite]) => ({ type: NODE.quote, attrs: { cite }, content })),
  fc
    .tuple(
      fc.constantFrom(NODE.bulletList, NODE.orderedList),
      fc.array(listItem, { minLength: 1, maxLength: 4 }),
    )
    .map(([type, content]) => ({ type, content })),
  fc
    .record({
      src: fc.constantFrom("/media/u/abc123/1600.jpg", "https://images.example/a.jpg"),
      alt: words,
      caption: short,
      credit: short,
      decorative: fc.boolean(),
    })
    .map((attrs) => ({ type: NODE.image, attrs })),
  fc
    .record({
      url: fc.constantFrom(
        "https://www.youtube.com/watch?v=abcdefghijk",
        "https://example.org/report?a=1&b=2",
      ),
      caption: short,
    })
    .map((attrs) => ({ type: NODE.embed, attrs })),
  fc.constant({ type: NODE.divider }),
);

const doc = fc
  .array(block, { minLength: 1, maxLength: 8 })
  .map((content) => ({ type: NODE.doc, content }));

const ALLOWED_TAG =
  /<\/?(p|h3|h4|strong|em|a|br|ul|ol|li|blockquote|figure|figcaption|cite|span|img|picture|source|iframe|hr|div|button)(\s[^>]*)?>/g;

const hasWords = (node: DocNode) => node.type === NODE.text && (node.text ?? "").trim() !== "";
const marked = (nodes: DocNode[], type: string) =>
  nodes.some((node) => hasWords(node) && node.marks?.some((mark) => mark.type === type));
const breaks = (nodes: DocNode[]) => nodes.filter((node) => node.type === NODE.hardBreak).length;

/** The line breaks a reader must see in one composer block, as the composer shows them. */
function expectedBreaks(node: DocNode): number {
  const content = node.content ?? [];
  if (node.type === NODE.heading) {
    // The server trims a heading, so breaks and unmarked spaces at either end are dropped
    // (what is inside a mark, even a space, stays).
    const trimmable = (n: DocNode | undefined) =>
      n !== undefined && (n.type === NODE.hardBreak || (!n.marks?.length && !hasWords(n)));
    let [from, to] = [0, content.length];
    while (from < to && trimmable(content[from])) from++;
    while (to > from && trimmable(content[to - 1])) to--;
    return breaks(content.slice(from, to));
  }
  if (node.type === NODE.bulletList || node.type === NODE.orderedList) {
    // Two paragraphs in one item show on two lines: one break between them.
    return content.reduce((sum, item) => {
      const paragraphs = item.content ?? [];
      return (
        sum + paragraphs.length - 1 + paragraphs.reduce((n, p) => n + breaks(p.content ?? []), 0)
      );
    }, 0);
  }
  return breaks(content);
}

const inlineOfBlock = (node: DocNode): DocNode[] =>
  node.type === NODE.bulletList || node.type === NODE.orderedList
    ? (node.content ?? []).flatMap((item) => (item.content ?? []).flatMap((p) => p.content ?? []))
    : (node.content ?? []);

describe("composer document → blocks → HTML", () => {
  it("sends blocks the server accepts as they are, and reads them back the same", () => {
    fc.assert(
      fc.property(doc, (composed) => {
        const blocks = docToBlocks(composed);
        expect(Blocks.parse(blocks)).toEqual(blocks);
        expect(docToBlocks(blocksToDoc(blocks))).toEqual(blocks);
      }),
      { numRuns: 300 },
    );
  });

  it("renders every mark and line break the composer showed, with nothing unescaped", () => {
    fc.assert(
      fc.property(block, (node) => {
        const [sent] = docToBlocks({ type: NODE.doc, content: [node] });
        if (!sent) return; // a paragraph of nothing but breaks is left out, as it shows nothing
        const html = renderBlock(sent);
        const content = inlineOfBlock(node);
        if (node.type === NODE.heading) {
          expect(html).toMatch(node.attrs?.level === 3 ? /^<h4>.*<\/h4>$/s : /^<h3>.*<\/h3>$/s);
          expect(sent).toMatchObject({ level: node.attrs?.level });
        }
        if (marked(content, "bold")) expect(html).toContain("<strong>");
        if (marked(content, "italic")) expect(html).toContain("<em>");
        if (marked(content, "link")) expect(html).toContain('<a href="');
        expect(html.split("<br>").length - 1).toBe(expectedBreaks(node));
        // Escaping by construction: once our own tags are taken out, no markup is left.
        expect(html.replace(ALLOWED_TAG, "")).not.toMatch(/[<>]/);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a heading's marks and a line break in the heading's own HTML", () => {
    const heading: DocNode = {
      type: NODE.heading,
      attrs: { level: 2 },
      content: [
        { type: NODE.text, text: "River " },
        { type: NODE.text, text: "rises", marks: [{ type: "bold" }] },
        { type: NODE.hardBreak },
        { type: NODE.text, text: "again" },
      ],
    };
    const [sent] = docToBlocks({ type: NODE.doc, content: [heading] });
    expect(sent && renderBlock(sent)).toBe("<h3>River <strong>rises</strong><br>\nagain</h3>");
  });
});
