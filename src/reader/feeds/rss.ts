// RSS 2.0: a blog's feed. Bylines go out as <dc:creator> (RSS's own <author> must be an
// email address, which Dispatch never publishes), the opening words in <description>, the
// whole body in <content:encoded>, and the first image as an <enclosure> only when its
// length is known, that is when it is a file uploaded to Dispatch (RSS requires url, length
// and type); an image on another site is a <media:content> instead, which needs no length.

import type { FeedChannel, FeedEntry } from "./entries.js";
import { FEED_TYPES } from "./entries.js";
import { element, type Xml, xmlDocument } from "./xml.js";

const NAMESPACES = {
  "xmlns:atom": "http://www.w3.org/2005/Atom",
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  "xmlns:media": "http://search.yahoo.com/mrss/",
};

export function renderRss(channel: FeedChannel): string {
  return xmlDocument(
    element(
      "rss",
      { version: "2.0", ...NAMESPACES },
      element(
        "channel",
        {},
        element("title", {}, channel.title),
        element("link", {}, channel.pageUrl),
        // RSS requires a description: the standfirst, else the headline.
        element("description", {}, channel.subtitle || channel.title),
        element("atom:link", { rel: "self", type: FEED_TYPES.rss, href: channel.selfUrl }),
        channel.language && element("language", {}, channel.language.toLowerCase()),
        element("lastBuildDate", {}, rfc822(channel.updated)),
        element("generator", {}, "Dispatch"),
        element("docs", {}, "https://www.rssboard.org/rss-specification"),
        channel.entries.map(rssItem),
      ),
    ),
  );
}

function rssItem(entry: FeedEntry): Xml {
  const { image } = entry;
  return element(
    "item",
    {},
    element("title", {}, entry.title),
    element("link", {}, entry.url),
    element("guid", { isPermaLink: "false" }, entry.id),
    element("pubDate", {}, rfc822(entry.published)),
    element("atom:updated", {}, entry.updated),
    entry.authors.map((author) => element("dc:creator", {}, author.name)),
    entry.tags.map((tag) => element("category", {}, tag)),
    element("description", {}, entry.summary),
    element("content:encoded", {}, entry.html),
    image?.length !== undefined && image.type
      ? element("enclosure", { url: image.url, length: image.length, type: image.type })
      : image && element("media:content", { url: image.url, medium: "image", type: image.type }),
  );
}

/** RSS's dates (RFC 822, four-digit years): `Wed, 25 Nov 2026 08:00:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}
