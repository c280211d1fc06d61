// Inline marks ⇄ markup: what the composer's bold, italic and links become, checked against
// the server's own parser so that what a reporter formats is what readers see.

import { describe, expect, it } from "vitest";
import { renderInline } from "../../core/content/inline";
import type { DocNode } from "./doc";
import { escapeText, inlineToMarkup, markupToInline } from "./inline";

const t = (text: string, ...marks: (string | { href: string })[]): DocNode => ({
  type: "text",
  text,
  ...(marks.length
    ? {
        marks: marks.map((m) =>
          typeof m === "string" ? { type: m } : { type: "link", attrs: { href: m.href } },
        ),
      }
    : {}),
});

describe("inlineToMarkup", () => {
  it("writes bold, italic and links in the contract's markup", () => {
    const markup = inlineToMarkup([
      t("The "),
      t("bridge", "bold"),
      t(" is "),
      t("open", "italic"),
      t(" — "),
      t("map", { href: "https://example.org/map" }),
    ]);
    expect(markup).toBe("The **bridge** is *open* — [map](https://example.org/map)");
    expect(renderInline(markup)).toBe(
      'The <strong>bridge</strong> is <em>open</em> — <a href="https://example.org/map" rel="noopener noreferrer">map</a>',
    );
  });

  it("escapes literal stars, brackets and backslashes so they stay text", () => {
    const text = String.raw`5 * 3 = [15] \o/ **not bold**`;
    const markup = inlineToMarkup([t(text)]);
    expect(markup).toBe(String.raw`5 \* 3 = \[15\] \\o/ \*\*not bold\*\*`);
    expect(renderInline(markup)).toBe(text);
    expect(escapeText("a*b")).toBe(String.raw`a\*b`);
  });

  it("nests marks: bold inside a link, a link inside bold, italic inside bold", () => {
    expect(inlineToMarkup([t("big", "bold", { href: "https://a.example/" }), t(" news")])).toBe(
      "[**big**](https://a.example/) news",
    );
    expect(
      inlineToMarkup([t("read ", "bold"), t("this", "bold", { href: "https://a.example/" })]),
    ).toBe("**read [this](https://a.example/)**");
    expect(
      inlineToMarkup([t("very ", "bold"), t("much", "bold", "italic"), t(" so", "bold")]),
    ).toBe("**very *much* so**");
  });

  it("keeps formatting when bold runs straight into italic, which the grammar cannot spell", () => {
    const nodes = [t("bold", "bold"), t("italic", "italic")];
    const markup = inlineToMarkup(nodes);
    expect(renderInline(markup).replaceAll("\u200b", "")).toBe(
      "<strong>bold</strong><em>italic</em>",
    );
    const both = [t("both", "bold", "italic"), t(" then italic", "italic")];
    expect(renderInline(inlineToMarkup(both)).replaceAll("\u200b", "")).toMatch(
      /^(<strong><em>both<\/em><\/strong><em> then italic<\/em>|<em><strong>both<\/strong> then italic<\/em>)$/,
    );
  });

  it("percent-encodes parentheses and spaces in link targets, and brackets leave labels", () => {
    const markup = inlineToMarkup([
      t("see [1]", { href: "https://en.wikipedia.org/wiki/Storm_(weather)" }),
    ]);
    expect(markup).toBe("[see (1)](https://en.wikipedia.org/wiki/Storm_%28weather%29)");
    expect(renderInline(markup)).toContain(
      'href="https://en.wikipedia.org/wiki/Storm_%28weather%29"',
    );
  });

  it("merges neighbouring text with the same marks and turns hard breaks into newlines", () => {
    const br = { type: "hardBreak", marks: [{ type: "bold" }] };
    expect(inlineToMarkup([t("a", "bold"), t("b", "bold"), br, t("c")])).toBe("**ab**\nc");
    // A break takes the marks on both sides of it, not its own.
    expect(inlineToMarkup([t("a", "bold"), { type: "hardBreak" }, t("b", "bold")])).toBe(
      "**a\nb**",
    );
    expect(inlineToMarkup([br, t("a", "italic"), br])).toBe("\n*a*\n");
  });
});

describe("markupToInline", () => {
  it("leaves out the separators it writes, so saving again writes the same markup", () => {
    const nodes = [
      t("a", "italic"),
      t("b", { href: "https://a.example" }, "bold", "italic"),
      t("c", "bold"),
    ];
    const markup = inlineToMarkup(nodes);
    expect(markup).toContain("\u200b");
    expect(markupToInline(markup)).toEqual(nodes);
    expect(inlineToMarkup(markupToInline(markup))).toBe(markup);
  });

  it("reads newlines back as hard breaks without marks of their own", () => {
    expect(markupToInline("**a\nb**\r\nc")).toEqual([
      t("a", "bold"),
      { type: "hardBreak" },
      t("b", "bold"),
      { type: "hardBreak" },
      t("c"),
    ]);
  });

  it("reads markup back into marked text", () => {
    expect(markupToInline(String.raw`A **b *c*** [d](https://x.example/) \*e`)).toEqual([
      t("A "),
      t("b ", "bold"),
      t("c", "bold", "italic"),
      t(" "),
      t("d", { href: "https://x.example/" }),
      t(" *e"),
    ]);
  });

  it("round-trips every layout of marks it writes", () => {
    const cases: DocNode[][] = [
      [t("plain * [x] \\ text")],
      [t("a", "bold"), t("b", "italic"), t("c", "bold")],
      [t("a", "italic"), t("b", "bold", "italic"), t("c", "italic")],
      [t("x", "bold", { href: "https://a.example/" }), t("y", { href: "https://a.example/" })],
      [t("*", "bold"), t("[", "italic"), t("]")],
      [t("one", { href: "https://a.example/" }), t("two", { href: "https://b.example/" })],
    ];
    for (const nodes of cases) {
      const markup = inlineToMarkup(nodes);
      const back = markupToInline(markup).map((n) => ({
        ...n,
        text: n.text?.replaceAll("\u200b", ""),
      }));
      expect(inlineToMarkup(back)).toBe(inlineToMarkup(nodes));
      expect(back.map((n) => n.text).join("")).toBe(nodes.map((n) => n.text).join(""));
    }
  });
});
