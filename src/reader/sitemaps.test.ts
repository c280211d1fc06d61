import { describe, expect, it } from "vitest";
import { makeBlog } from "./fixtures.js";
import { escapeXml, newsLanguage, renderNewsSitemap, renderSitemap } from "./sitemaps.js";

const now = new Date("2026-11-30T12:00:00.000Z");
const base = "https://live.example.com";

describe("the sitemaps", () => {
  const recent = makeBlog({ slug: "recent", lastChangeAt: "2026-11-29T12:00:01.000Z" });
  const quiet = makeBlog({ id: "b2", slug: "quiet", lastChangeAt: "2026-11-28T11:59:59.000Z" });

  it("lists every blog, quiet or not, most recently changed first", () => {
    const xml = renderSitemap([quiet, recent], base);
    expect(xml.indexOf("/live/recent<")).toBeGreaterThan(0);
    expect(xml.indexOf("/live/recent<")).toBeLessThan(xml.indexOf("/live/quiet<"));
    expect(xml).toContain("<lastmod>2026-11-28T11:59:59.000Z</lastmod>");
  });

  it("gives Google News only the blogs changed in the last two days", () => {
    const xml = renderNewsSitemap([quiet, recent], {
      baseUrl: base,
      publisher: { name: "N" },
      now,
    });
    expect(xml).toContain(`<loc>${base}/live/recent</loc>`);
    expect(xml).not.toContain("/live/quiet");
  });

  it("escapes what XML must, and drops what XML cannot carry", () => {
    expect(escapeXml(`a<b>&"c"'d'\u0001\uFFFE`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  });

  it("names languages as Google News does", () => {
    expect(newsLanguage("en-GB")).toBe("en");
    expect(newsLanguage("ar")).toBe("ar");
    expect(newsLanguage("zh-Hant")).toBe("zh-tw");
    expect(newsLanguage("zh")).toBe("zh-cn");
  });
});
