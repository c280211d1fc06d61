// Atom 1.0 (RFC 4287): a blog's feed, and the feed of all open blogs, whose entries each name
// their blog in <source>. The body goes out as type="html" (escaped), the first image as
// <link rel="enclosure">, with its length when the file is ours.

import { FEED_TYPES, type FeedChannel, type FeedEntry } from "./entries.js";
import { element, type Xml, xmlDocument } from "./xml.js";

const ATOM_NS = "http://www.w3.org/2005/Atom";

export function renderAtom(channel: FeedChannel, options: { sources?: boolean } = {}): string {
  return xmlDocument(
    element(
      "feed",
      { xmlns: ATOM_NS, "xml:lang": channel.language },
      element("id", {}, channel.id),
      element("title", { type: "text" }, channel.title),
      channel.subtitle && element("subtitle", { type: "text" }, channel.subtitle),
      element("link", { rel: "self", type: FEED_TYPES.atom, href: channel.selfUrl }),
      element("link", { rel: "alternate", type: "text/html", href: channel.pageUrl }),
      channel.alternates.map((other) =>
        element("link", { rel: "alternate", type: other.type, href: other.url }),
      ),
      element("updated", {}, channel.updated),
      element("generator", {}, "Dispatch"),
      element("icon", {}, channel.icon),
      channel.logo && element("logo", {}, channel.logo),
      channel.entries.map((entry) => atomEntry(entry, options.sources ?? false)),
    ),
  );
}

function atomEntry(entry: FeedEntry, withSource: boolean): Xml {
  return element(
    "entry",
    {},
    element("id", {}, entry.id),
    element("title", { type: "text" }, entry.title),
    element("link", { rel: "alternate", type: "text/html", href: entry.url }),
    entry.image &&
      element("link", {
        rel: "enclosure",
        href: entry.image.url,
        type: entry.image.type,
        length: entry.image.length,
      }),
    element("published", {}, entry.published),
    element("updated", {}, entry.updated),
    entry.authors.map((author) => element("author", {}, element("name", {}, author.name))),
    entry.tags.map((tag) => element("category", { term: tag })),
    withSource &&
      element(
        "source",
        {},
        element("id", {}, entry.blog.id),
        element("title", { type: "text" }, entry.blog.title),
        element("link", { rel: "alternate", type: "text/html", href: entry.blog.url }),
        element("link", { rel: "self", type: FEED_TYPES.atom, href: entry.blog.feedUrl }),
      ),
    element("content", { type: "html" }, entry.html),
  );
}
