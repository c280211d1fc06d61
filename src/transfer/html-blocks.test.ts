import { describe, expect, it } from "vitest";
import { Blocks } from "../core/content/blocks.js";
import { renderBlocks } from "../core/content/render.js";
import { htmlToBlocks, textToBlocks } from "./html-blocks.js";

describe("another platform's post body as blocks", () => {
  it("keeps paragraphs, headings, quotes, lists, emphasis, links and images", () => {
    const blocks = htmlToBlocks(
      '<h2>Latest</h2><p>Crews <b>arrived</b> at <em>dawn</em>.<br>See <a href="/weather">the forecast</a>.</p>' +
        "<blockquote><p>It was loud</p></blockquote><ol><li>One</li><li>Two</li></ol><hr>" +
        '<figure><img src="/img/a.jpg" alt="Quay &amp; boats"></figure>',
      "https://news.example/live/storm",
    );
    expect(blocks).toEqual([
      { type: "heading", text: "Latest", level: 2 },
      {
        type: "paragraph",
        text: "Crews **arrived** at *dawn*.\nSee [the forecast](https://news.example/weather).",
      },
      { type: "quote", text: "It was loud" },
      { type: "list", ordered: true, items: ["One", "Two"] },
      { type: "divider" },
      { type: "image", src: "https://news.example/img/a.jpg", alt: "Quay & boats" },
    ]);
    expect(Blocks.safeParse(blocks).success).toBe(true);
  });

  it("drops scripts, unsafe links, plain-http images and handlers, keeping the words", () => {
    const blocks = htmlToBlocks(
      '<p onclick="x()">Hello <a href="javascript:alert(1)">there</a><script>alert(1)</script></p>' +
        '<img src="http://insecure.example/a.jpg"><img src="x" onerror="alert(1)"><style>p{}</style>',
    );
    expect(blocks).toEqual([{ type: "paragraph", text: "Hello there" }]);
    expect(renderBlocks(blocks)).not.toMatch(/script|onclick|onerror|javascript/);
  });

  it("keeps characters inline markup would read as text", () => {
    const blocks = textToBlocks("5 * 3 = [15] (maybe)\n\n**not bold**");
    expect(Blocks.safeParse(blocks).success).toBe(true);
    const html = renderBlocks(blocks);
    expect(html).toContain("5 * 3 = [15] (maybe)");
    expect(html).toContain("**not bold**");
    expect(html).not.toContain("<strong>");
  });
});
