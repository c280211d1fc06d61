import { describe, expect, it } from "vitest";
import { parseInput } from "../validation.js";
import { type Block, Blocks } from "./blocks.js";
import { recognizeEmbed } from "./embeds.js";
import { inlineToPlainText, renderInline } from "./inline.js";
import { blocksToPlainText, renderBlock, renderBlocks, renderFigure } from "./render.js";
import { renderAmpBlocks } from "./render-amp.js";

describe("inline markup", () => {
  it("renders bold, italic and links", () => {
    expect(renderInline("a **b** *c* [d](https://example.org/x?y=1&z=2)")).toBe(
      'a <strong>b</strong> <em>c</em> <a href="https://example.org/x?y=1&amp;z=2" rel="noopener noreferrer">d</a>',
    );
  });

  it("nests italic in bold and markup in link labels, but not links in links", () => {
    expect(renderInline("**very *big***")).toBe("<strong>very <em>big</em></strong>");
    expect(renderInline("[**bold** label](https://a.example)")).toBe(
      '<a href="https://a.example" rel="noopener noreferrer"><strong>bold</strong> label</a>',
    );
  });

  it("escapes HTML so it shows as text", () => {
    expect(renderInline("<script>alert(1)</script> & <img src=x onerror=alert(1)>")).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("never renders a javascript: or data: link, even if validation was bypassed", () => {
    expect(renderInline("[x](javascript:alert(1))")).not.toContain("href");
    expect(renderInline("[x](JaVaScRiPt:alert(1))")).not.toContain("href");
    expect(renderInline("[x](data:text/html,hi)")).not.toContain("href");
  });

  it("keeps attribute values inside their quotes", () => {
    const html = renderInline('[x](https://example.org/"onmouseover="alert(1))');
    expect(html).not.toMatch(/"\s*onmouseover=/);
    expect(html).not.toContain('"onmouseover');
  });

  it("leaves unmatched markers as text and honours backslash escapes", () => {
    expect(renderInline("5 * 3 = 15 and **open")).toBe("5 * 3 = 15 and **open");
    expect(renderInline("\\*not italic\\*")).toBe("*not italic*");
    expect(renderInline("[not a link] (https://x.example)")).toBe(
      "[not a link] (https://x.example)",
    );
  });

  it("renders a newline as a line break, in marks too, and still escapes around it", () => {
    expect(renderInline("First line\nsecond line")).toBe("First line<br>\nsecond line");
    expect(renderInline("one\r\ntwo")).toBe("one<br>\ntwo");
    expect(renderInline("**a\nb** <\n>")).toBe("<strong>a<br>\nb</strong> &lt;<br>\n&gt;");
    expect(renderInline("[two\nlines](https://a.example)")).toBe(
      '<a href="https://a.example" rel="noopener noreferrer">two<br>\nlines</a>',
    );
  });

  it("never closes bold on an escaped star", () => {
    expect(renderInline(String.raw`**a\**b**`)).toBe("<strong>a**b</strong>");
    expect(renderInline(String.raw`**a[*a\**](https://a.example)**`)).toBe(
      '<strong>a<a href="https://a.example" rel="noopener noreferrer"><em>a*</em></a></strong>',
    );
  });

  it("gives plain text without markup", () => {
    expect(inlineToPlainText("**Bold** and [link](https://a.example)")).toBe("Bold and link");
  });
});

describe("block rendering", () => {
  const render = (input: unknown) => renderBlocks(parseInput(Blocks, input));

  it("renders each block with semantic HTML", () => {
    expect(render([{ type: "paragraph", text: "Hi" }])).toBe("<p>Hi</p>");
    expect(render([{ type: "heading", text: "Sub", level: 3 }])).toBe("<h4>Sub</h4>");
    expect(render([{ type: "quote", text: "Stay safe", cite: "Chief <Officer>" }])).toBe(
      '<figure class="quote"><blockquote><p>Stay safe</p></blockquote><figcaption><cite>Chief &lt;Officer&gt;</cite></figcaption></figure>',
    );
    expect(render([{ type: "list", ordered: true, items: ["a", "*b*"] }])).toBe(
      "<ol><li>a</li><li><em>b</em></li></ol>",
    );
    expect(render([{ type: "list", ordered: false, items: ["a"] }])).toBe("<ul><li>a</li></ul>");
    expect(render([{ type: "divider" }])).toBe("<hr>");
  });

  it("renders inline markup and line breaks in headings, quotes and list items", () => {
    expect(render([{ type: "heading", text: "River **breaks** its *banks*", level: 2 }])).toBe(
      "<h3>River <strong>breaks</strong> its <em>banks</em></h3>",
    );
    expect(render([{ type: "heading", text: "See [the map](https://a.example)" }])).toBe(
      '<h3>See <a href="https://a.example" rel="noopener noreferrer">the map</a></h3>',
    );
    expect(render([{ type: "quote", text: "Go\nnow" }])).toContain("<p>Go<br>\nnow</p>");
    expect(render([{ type: "list", ordered: false, items: ["a\nb"] }])).toBe(
      "<ul><li>a<br>\nb</li></ul>",
    );
  });

  it("still renders a plain heading as before, escaped, and never a script link in one", () => {
    expect(render([{ type: "heading", text: "Rates <up> & rising", level: 3 }])).toBe(
      "<h4>Rates &lt;up&gt; &amp; rising</h4>",
    );
    // Heading links are not refused by validation (plain headings stay valid), so the
    // renderer is what keeps this one out: its words stay, the link goes.
    expect(render([{ type: "heading", text: "[Click](javascript:steal)" }])).toBe("<h3>Click</h3>");
  });

  it("renders images as figures with alt, caption and credit", () => {
    const html = render([
      {
        type: "image",
        src: "https://cdn.example.org/a.jpg",
        alt: 'The "quay"',
        caption: "Cap",
        credit: "Agency",
      },
    ]);
    expect(html).toContain('<img src="https://cdn.example.org/a.jpg" alt="The &quot;quay&quot;"');
    expect(html).toContain(
      '<figcaption><span class="caption">Cap</span> <span class="credit">Agency</span></figcaption>',
    );
  });

  it("never renders an <img> for a stored source that validation refuses", () => {
    const stored = {
      type: "image" as const,
      src: "/media/../api/blogs/storm/events",
      alt: "",
      caption: "Cap",
    };
    const html = renderBlocks([stored]);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("/api/blogs");
    expect(html).toContain('<span class="caption">Cap</span>');
  });

  it("embeds recognised providers and turns other links into cards", () => {
    expect(render([{ type: "embed", url: "https://youtu.be/abcdefghijk" }])).toContain(
      'src="https://www.youtube-nocookie.com/embed/abcdefghijk"',
    );
    expect(render([{ type: "embed", url: "https://vimeo.com/123456789" }])).toContain(
      "player.vimeo.com/video/123456789",
    );
    expect(render([{ type: "embed", url: "https://x.com/desk/status/1234567890123" }])).toContain(
      "platform.twitter.com/embed/Tweet.html?id=1234567890123",
    );
    expect(
      render([{ type: "embed", url: "https://www.openstreetmap.org/#map=12/51.5/-0.12" }]),
    ).toContain("openstreetmap.org/export/embed.html?bbox=");
    const card = render([{ type: "embed", url: "https://example.org/story?a=1&b=<x>" }]);
    expect(card).not.toContain("<iframe");
    expect(card).toContain('class="link-card"');
    expect(card).toContain("https://example.org/story?a=1&amp;b=%3Cx%3E");
  });

  it("does not trust look-alike hosts", () => {
    expect(recognizeEmbed("https://youtube.com.evil.example/watch?v=abcdefghijk").provider).toBe(
      "link",
    );
    expect(recognizeEmbed("https://notyoutube.com/watch?v=abcdefghijk").provider).toBe("link");
  });

  it("extracts plain text for structured data", () => {
    const blocks = parseInput(Blocks, [
      { type: "paragraph", text: "The **river** rose" },
      { type: "heading", text: "Why *now*" },
      { type: "quote", text: "Stay upstairs", cite: "Fire chief" },
      { type: "list", ordered: true, items: ["One", "Two"] },
    ]);
    expect(blocksToPlainText(blocks)).toBe(
      "The river rose\nWhy now\n“Stay upstairs” (Fire chief)\nOne\nTwo",
    );
  });
});

describe("uploaded images", () => {
  const uploaded = (src: string) =>
    renderBlocks(
      parseInput(Blocks, [
        { type: "image", src, alt: 'Flood "level" <3m>', caption: "The bridge", credit: "Jo" },
      ]),
    );

  it("offers every variant in a <picture>, WebP first, inside the figure", () => {
    const html = uploaded("/media/u/01hx7k2m9q/1600.jpg");
    const sizes = 'sizes="(max-width: 700px) 100vw, 680px"';
    expect(html).toBe(
      '<figure class="image"><picture>' +
        '<source type="image/webp" srcset="/media/u/01hx7k2m9q/480.webp 480w, ' +
        `/media/u/01hx7k2m9q/960.webp 960w, /media/u/01hx7k2m9q/1600.webp 1600w" ${sizes}>` +
        '<img src="/media/u/01hx7k2m9q/960.jpg" srcset="/media/u/01hx7k2m9q/480.jpg 480w, ' +
        `/media/u/01hx7k2m9q/960.jpg 960w, /media/u/01hx7k2m9q/1600.jpg 1600w" ${sizes} ` +
        'alt="Flood &quot;level&quot; &lt;3m&gt;" width="1600" height="900" class="unsized" ' +
        'loading="lazy" decoding="async"></picture>' +
        '<figcaption><span class="caption">The bridge</span> <span class="credit">Jo</span></figcaption>' +
        "</figure>",
    );
  });

  it("recognises any variant width as the uploaded image", () => {
    expect(uploaded("/media/u/abc123/480.jpg")).toContain('srcset="/media/u/abc123/480.webp 480w');
    expect(uploaded("/media/u/abc123/960.jpg")).toContain('<img src="/media/u/abc123/960.jpg"');
  });

  it("renders other images as a plain <img>, as before", () => {
    for (const src of [
      "https://images.example/storm.jpg",
      "/media/demo/high-street.svg",
      "/media/u/abc123/1600.webp",
      "/media/u/abc123/1200.jpg",
      "/media/u/ABC/1600.jpg",
    ]) {
      const html = uploaded(src);
      expect(html).not.toContain("<picture>");
      expect(html).not.toContain("srcset");
      expect(html).toContain(`<img src="${src}" alt="Flood &quot;level&quot; &lt;3m&gt;"`);
    }
  });

  it("gives every <img> a width and height: its own when known, else a fixed 16:9 box", () => {
    const sized = renderBlocks(
      parseInput(Blocks, [
        { type: "image", src: "/media/u/abc123/1600.jpg", alt: "", width: 1600, height: 1067 },
        { type: "image", src: "https://images.example/a.jpg", alt: "", width: 800, height: 600 },
      ]),
    );
    const tags = sized.match(/<img [^>]*>/g) ?? [];
    expect(tags).toHaveLength(2);
    expect(tags[0]).toContain('width="1600" height="1067" loading');
    expect(tags[1]).toContain('width="800" height="600" loading');
    expect(sized).not.toContain("unsized");
    const unknown = uploaded("https://images.example/storm.jpg");
    expect(unknown).toContain('width="1600" height="900" class="unsized"');
  });

  it("refuses a size that is not a positive whole number of pixels", () => {
    for (const width of [0, -4, 1.5, "800", 1e6]) {
      const result = Blocks.safeParse([
        { type: "image", src: "https://images.example/a.jpg", alt: "", width, height: 600 },
      ]);
      expect(result.success, String(width)).toBe(false);
    }
  });

  it("loads a hero eagerly", () => {
    const html = renderFigure({ src: "/media/u/abc123/1600.jpg", alt: "Hero" }, "hero", true);
    expect(html).toMatch(/^<figure class="hero"><picture>.*<img [^>]*fetchpriority="high"/);
    expect(html).not.toContain('loading="lazy"');
  });
});

describe("link cards", () => {
  const url = "https://news.example/story";
  const render = (card: Record<string, unknown>) =>
    renderBlocks([{ type: "embed", url, card: { url, ...card } } as never]);

  it("shows the read card's words escaped, and its own copied image lazily at its size", () => {
    const html = render({
      title: '<b>"Bridge"</b>',
      description: "a & b",
      site: "Herald",
      image: "/media/link-cards/abc123/1600.jpg",
      imageWidth: 1200,
      imageHeight: 630,
    });
    expect(html).toContain('<span class="link-title">&lt;b&gt;&quot;Bridge&quot;&lt;/b&gt;</span>');
    expect(html).toContain('<span class="link-description">a &amp; b</span>');
    expect(html).toContain('<span class="link-host">Herald</span>');
    expect(html).toContain(
      '<source type="image/webp" srcset="/media/link-cards/abc123/480.webp 480w',
    );
    expect(html).toMatch(
      /<img class="link-image" src="\/media\/link-cards\/abc123\/960\.jpg" srcset="[^"]+" sizes="[^"]+" alt="" width="1200" height="630" loading="lazy"/,
    );
    const amp = renderAmpBlocks([
      {
        type: "embed",
        url,
        card: {
          url,
          image: "/media/link-cards/abc123/1600.jpg",
          imageWidth: 1200,
          imageHeight: 630,
          title: "T",
        },
      },
    ]);
    expect(amp).toMatch(
      /<amp-img src="\/media\/link-cards\/abc123\/960\.jpg" [^>]*width="1200" height="630" layout="responsive">/,
    );
  });

  it("never draws a card image that is not Dispatch's own sized copy", () => {
    // Cards read before images were copied held the linked site's address: never hot-linked.
    for (const card of [
      { image: "https://img.example/a.jpg" },
      { image: "https://img.example/a.jpg", imageWidth: 800, imageHeight: 600 },
      { image: "/media/link-cards/abc123/1600.jpg" },
      { image: "/media/u/abc123/1600.jpg", imageWidth: 800, imageHeight: 600 },
    ]) {
      const html = render({ title: "T", ...card });
      expect(html).not.toContain("<img");
      expect(html).toContain('<span class="link-title">T</span>');
      const amp = renderAmpBlocks([{ type: "embed", url, card: { url, title: "T", ...card } }]);
      expect(amp).not.toContain("amp-img");
    }
  });

  it("drops an image that is not https, and a card read for another link", () => {
    expect(render({ title: "T", image: "javascript:alert(1)" })).not.toContain("<img");
    const stale = renderBlocks([
      { type: "embed", url, card: { url: "https://other.example/", title: "Other" } },
    ]);
    expect(stale).not.toContain("Other");
    expect(stale).toContain('<span class="link-host">news.example</span>');
  });
});

describe("polls", () => {
  const poll: Block = {
    type: "poll",
    id: "p1-abcdef",
    question: "Will turnout pass 50%?",
    answers: [
      { id: "yes", text: "Yes <b>" },
      { id: "no", text: "No" },
    ],
    closesAt: "2026-05-01T18:00:00.000Z",
    results: { totals: { yes: 2, no: 1 }, total: 3 },
  };
  const zone = { language: "en-GB", timezone: "Europe/Paris" };

  it("offers a vote form while the poll is open, or when no time of writing is given", () => {
    for (const when of [undefined, { at: new Date("2026-05-01T17:59:59.000Z"), zone }]) {
      const html = renderBlock(poll, undefined, when);
      expect(html).toContain(
        '<form class="poll" method="post" action="/api/polls/p1-abcdef/votes"',
      );
      expect(html).toContain('<button type="submit">Vote</button>');
      expect(html).not.toContain("Voting closed");
    }
  });

  it("shows a closed poll's final results and 'Voting closed', with no form, input or button", () => {
    const html = renderBlock(poll, undefined, { at: new Date("2026-05-01T18:00:00.000Z"), zone });
    expect(html).toMatch(/^<div class="poll poll-closed" data-poll="p1-abcdef">/);
    expect(html).not.toMatch(/<form|<input|<button|\/votes/);
    expect(html).toContain('<span class="poll-answer">Yes &lt;b&gt;</span>');
    expect(html).toContain('<meter min="0" max="3" value="2" data-answer="yes"></meter>');
    expect(html).toContain('<span class="poll-votes" data-answer="no">1 vote</span>');
    expect(html).toContain('<p class="poll-total">3 votes</p>');
    expect(html).toContain('<p class="poll-status">Voting closed</p>');
  });

  it("says when an open poll closes, in the blog's zone, with the day when it is not today", () => {
    const sameDay = renderBlock(poll, undefined, {
      at: new Date("2026-05-01T08:00:00.000Z"),
      zone,
    });
    expect(sameDay).toContain(
      '<p class="poll-closes">Closes at <time datetime="2026-05-01T18:00:00.000Z">20:00 CEST</time></p>',
    );
    const dayBefore = renderBlock(poll, undefined, {
      at: new Date("2026-04-30T08:00:00.000Z"),
      zone: { language: "en-GB", timezone: "Europe/Paris" },
    });
    expect(dayBefore).toMatch(/Closes at <time datetime="[^"]+">1 May, 20:00 CEST<\/time>/);
    expect(renderBlock(poll)).not.toContain("poll-closes");
  });
});
