// Drafts from before the composer stopped nesting lists open flat, as they published.

import { describe, expect, it } from "vitest";
import { docToBlocks } from "./convert";
import type { DocNode } from "./doc";
import { flattenLists } from "./flat-lists";

const p = (text: string): DocNode => ({
  type: "paragraph",
  content: [{ type: "text", text }],
});
const item = (...content: DocNode[]): DocNode => ({ type: "listItem", content });

describe("flattenLists", () => {
  it("puts each sub-item right after its parent, in the same list", () => {
    const doc: DocNode = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            item(p("Roads closed"), {
              type: "orderedList",
              content: [item(p("A1"), { type: "bulletList", content: [item(p("Mill Lane"))] })],
            }),
            item({
              type: "heading",
              attrs: { level: 2 },
              content: [{ type: "text", text: "Schools" }],
            }),
            item({ type: "bulletList", content: [item(p("orphan"))] }),
          ],
        },
      ],
    };
    const flat = flattenLists(doc);
    expect(flat).toEqual({
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            item(p("Roads closed")),
            item(p("A1")),
            item(p("Mill Lane")),
            item({ type: "paragraph", content: [{ type: "text", text: "Schools" }] }),
            item(p("orphan")),
          ],
        },
      ],
    });
    // What it shows now is what the nested draft would have published.
    expect(docToBlocks(flat)).toEqual(docToBlocks(doc));
  });

  it("leaves a document without nesting as it is", () => {
    const doc: DocNode = {
      type: "doc",
      content: [p("x"), { type: "bulletList", content: [item(p("a"), p("b"))] }],
    };
    expect(flattenLists(doc)).toBe(doc);
  });
});
