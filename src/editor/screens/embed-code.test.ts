import { describe, expect, it } from "vitest";
import { DEFAULT_EMBED, embedSnippets } from "./embed-code";

describe("embedSnippets", () => {
  it("names the blog and nothing else by default", () => {
    const { iframe, script } = embedSnippets(
      "https://news.example/",
      "storm",
      "Storm",
      DEFAULT_EMBED,
    );
    expect(iframe).toContain('<iframe src="https://news.example/live/storm/embed" title="Storm"');
    expect(script).toBe(
      '<div data-dispatch-blog="storm"></div>\n<script async src="https://news.example/embed.js"></script>',
    );
  });

  it("carries every option, escaped for its attribute", () => {
    const { iframe, script } = embedSnippets("https://news.example", "storm", 'The "Storm"', {
      theme: "dark",
      accent: "#c00",
      font: '"Times New Roman", serif',
      limit: 10,
      keyEvents: true,
    });
    expect(iframe).toContain(
      "/live/storm/embed?theme=dark&amp;accent=%23c00&amp;font=%22Times+New+Roman%22%2C+serif&amp;limit=10&amp;keyEvents=1",
    );
    expect(iframe).toContain('title="The &quot;Storm&quot;"');
    expect(script).toContain(
      'data-theme="dark" data-accent="#c00" data-font="&quot;Times New Roman&quot;, serif" data-limit="10" data-key-events="1"',
    );
  });
});
