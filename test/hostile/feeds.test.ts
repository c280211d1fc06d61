// Hostile text in the feeds: every vector of the XSS corpus, and characters XML 1.0 cannot
// hold, as a blog's headline and standfirst, a post's title and words, a byline and a caption.
// Each feed must stay well-formed (a strict XML check), be read by an independent parser
// (feedsmith), and give back exactly the text that went in, as text: nothing ends an element
// or an attribute early, and nothing is lost but the characters XML forbids.

import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/reader/feeds/atom.js";
import { blogChannel } from "../../src/reader/feeds/entries.js";
import { renderJsonFeed } from "../../src/reader/feeds/json-feed.js";
import { renderRss } from "../../src/reader/feeds/rss.js";
import { makeBlog, makePost } from "../../src/reader/fixtures.js";
import { xssCorpus } from "./xss-corpus.js";

const corpus = xssCorpus("http://canary.test:9");
/** Characters XML 1.0 cannot carry, around text it can. */
const UNSAYABLE = "ctrl\u0001\u0008\u000B\u001F lone\uD800 \uDFFF end\uFFFE\uFFFF";
const texts = [...corpus.map((vector) => vector.text), UNSAYABLE];
const BASE = "https://news.example";

/** What the feed should give back: the text less what XML cannot hold. */
const sayable = (text: string) =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is dropped
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );

describe("hostile text in the feeds", () => {
  it(`keeps all three formats well-formed and exact for ${texts.length} hostile texts`, async () => {
    for (const text of texts) {
      const blog = makeBlog({ title: text, summary: text });
      const post = makePost({
        publishedAt: "2026-11-25T09:00:00.000Z",
        title: text,
        bylines: [{ name: text, kind: "person" }],
        blocks: [
          { type: "paragraph", text },
          {
            type: "image",
            src: "https://images.example/a.jpg",
            alt: text,
            caption: text,
          },
        ],
      });
      const channel = (format: "atom" | "rss" | "json") =>
        blogChannel(blog, [post], { baseUrl: BASE, format });
      // Parsers trim the ends of text values; the middle must come back exactly.
      const said = sayable(text).trim();
      const trimmed = (value: string | undefined) => value?.trim();

      const atom = renderAtom(await channel("atom"));
      expect(XMLValidator.validate(atom), text).toBe(true);
      const atomFeed = parseAtomFeed(atom);
      expect(trimmed(atomFeed.title?.value), text).toBe(said);
      const entry = atomFeed.entries?.[0];
      expect(trimmed(entry?.authors?.[0]?.name), text).toBe(said);
      expect(trimmed(entry?.content?.value), text).toBe(sayable(post.html).trim());

      const rss = renderRss(await channel("rss"));
      expect(XMLValidator.validate(rss), text).toBe(true);
      const item = parseRssFeed(rss).items?.[0];
      expect(trimmed(item?.content?.encoded), text).toBe(sayable(post.html).trim());
      expect((item?.dc?.creators ?? []).map(trimmed), text).toEqual([said]);

      const json = renderJsonFeed(await channel("json"));
      const jsonItem = parseJsonFeed(JSON.parse(json)).items?.[0];
      expect(trimmed(jsonItem?.content_html), text).toBe(post.html.trim());
      expect(trimmed(jsonItem?.authors?.[0]?.name), text).toBe(text.trim());
    }
  });
});
