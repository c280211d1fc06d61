import { describe, expect, it } from "vitest";
import { searchTerms, snippetHtml, snippetOf } from "./reader-search.js";

describe("reader search terms and snippets", () => {
  it("lower-cases the words of every script and leaves out the rest", () => {
    expect(searchTerms("Crème  BRÛLÉE, «Москва» القاهرة! crème")).toEqual([
      "crème",
      "brûlée",
      "москва",
      "القاهرة",
    ]);
    expect(searchTerms("<b>&amp;")).toEqual(["b", "amp"]);
    expect(searchTerms(" ,.! ")).toEqual([]);
  });

  it("marks each matching word around the first match", () => {
    const text = `${"word ".repeat(100)}the Bridge fell; bridges and the bridge again`;
    const snippet = snippetOf(text, ["bridge"], 80);
    expect(snippet.cutBefore).toBe(true);
    const marked = snippet.marks.map(([from, to]) => snippet.text.slice(from, to));
    expect(marked).toEqual(["Bridge", "bridge"]);
  });

  it("marks a word written with or without its diacritics", () => {
    const snippet = snippetOf("Le café est fermé", ["cafe"]);
    expect(snippet.marks.map(([a, b]) => snippet.text.slice(a, b))).toEqual(["café"]);
    expect(snippet.cutBefore).toBe(false);
  });
});

describe("a snippet as HTML", () => {
  it("escapes the post's text and marks only the matches", () => {
    const snippet = snippetOf('<script>alert("x")</script> & the bridge <b>fell</b>', ["bridge"]);
    expect(snippetHtml(snippet)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the <mark>bridge</mark> &lt;b&gt;fell&lt;/b&gt;",
    );
  });
});
