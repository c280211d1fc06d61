// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): a blog's feed, the body as content_html,
// the first image as `image`, bylines as `authors` (with the user's picture as avatar).

import type { FeedChannel } from "./entries.js";

export function renderJsonFeed(channel: FeedChannel): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.pageUrl,
    feed_url: channel.selfUrl,
    ...(channel.subtitle ? { description: channel.subtitle } : {}),
    favicon: channel.icon,
    ...(channel.language ? { language: channel.language } : {}),
    items: channel.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      content_html: entry.html,
      ...(entry.image ? { image: entry.image.url } : {}),
      date_published: entry.published,
      date_modified: entry.updated,
      authors: entry.authors.map((author) => ({
        name: author.name,
        ...(author.avatar ? { avatar: author.avatar } : {}),
      })),
      ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
    })),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}
