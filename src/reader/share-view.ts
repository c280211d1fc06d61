// Sharing a post. Each post on the live page and the embed carries a compact control: one
// "Share" link to the post's own page, which works with JavaScript off, and beside it
// "Copy link" and the device's own "Share…", which blocks.js adds from the page's <template>
// (and shows only where they can work), also for posts that arrive live. The links to X,
// Facebook, WhatsApp and Telegram are on the post's own page only: four links with the
// address and title on each of fifty posts doubled the live page's weight.

import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { postLabel } from "./excerpt.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";
import { absoluteUrl, blogPath, postPath } from "./urls.js";

/** The stand-in for a live post's id in the template's link, replaced by blocks.js. */
export const SHARE_POST_HOLE = "__POST__";

/** Each network's address for sharing a link, with the URL and text already URL-encoded. */
export const SHARE_NETWORKS: ReadonlyArray<{
  name: string;
  id: string;
  href: (url: string, text: string) => string;
}> = [
  { name: "X", id: "x", href: (url, text) => `https://x.com/intent/post?url=${url}&text=${text}` },
  {
    name: "Facebook",
    id: "facebook",
    href: (url) => `https://www.facebook.com/sharer/sharer.php?u=${url}`,
  },
  {
    name: "WhatsApp",
    id: "whatsapp",
    href: (url, text) => `https://wa.me/?text=${text ? `${text}%20` : ""}${url}`,
  },
  {
    name: "Telegram",
    id: "telegram",
    href: (url, text) => `https://t.me/share/url?url=${url}&text=${text}`,
  },
];

/** What a share says besides the link: the post's title, else the start of its words. */
export function shareText(post: Pick<Post, "title" | "blocks">): string {
  return postLabel(post, 120);
}

/**
 * The compact control of a post in a stream: its one link to the post's page, by path as the
 * post's time links it (gzip then carries it for a few bytes); blocks.js makes it absolute
 * against the template's link, which is PUBLIC_URL's.
 */
export function renderShareLink(blog: Blog, post: Pick<Post, "id">): SafeHtml {
  return html`<div class="share"><a class="share-link" href="${postPath(blog.slug, post.id)}">${t(blog.language, "share.summary")}</a></div>`;
}

/**
 * The compact control once, whole, for blocks.js: it takes the place of each post's served
 * link (keeping its address), or joins a live post with the post's id in the hole.
 */
export function renderShareTemplate(blog: Blog, baseUrl: string): SafeHtml {
  const lang = blog.language;
  const url = `${absoluteUrl(baseUrl, blogPath(blog.slug))}/posts/${SHARE_POST_HOLE}`;
  return html`<template id="share-template"><div class="share" data-copied="${t(lang, "share.copied")}" data-copy-failed="${t(lang, "share.copyFailed")}"><a class="share-link" href="${url}">${t(lang, "share.summary")}</a>${shareButtons(blog)}<span class="share-status" role="status"></span></div></template>`;
}

/** The buttons blocks.js shows where the browser can do them, hidden until then. */
function shareButtons(blog: Blog): SafeHtml {
  const lang = blog.language;
  return html`<button type="button" class="share-native" hidden>${t(lang, "share.native")}</button><button type="button" class="share-copy" hidden>${t(lang, "share.copy")}</button>`;
}

/** The whole control on the post's own page: the networks' links, encoded, and the buttons. */
export function renderShare(blog: Blog, post: Post, baseUrl: string): SafeHtml {
  const url = absoluteUrl(baseUrl, postPath(blog.slug, post.id));
  return shareControl(blog, encodeURIComponent(url), encodeURIComponent(shareText(post)), url);
}

function shareControl(blog: Blog, url: string, text: string, plainUrl: string): SafeHtml {
  const lang = blog.language;
  const links = SHARE_NETWORKS.map(
    (network) =>
      html`<a class="share-${network.id}" href="${network.href(url, text)}" target="_blank" rel="noopener noreferrer">${network.name}</a>`,
  );
  // Open: a reader arrives here by a post's "Share" link. A <details> still lets them fold
  // it away. The links are a group, not a list: a post's lists are its own words (CONTRACT.md).
  return html`<details class="share" open data-url="${plainUrl}" data-copied="${t(lang, "share.copied")}" data-copy-failed="${t(lang, "share.copyFailed")}"><summary>${t(lang, "share.summary")}</summary><div class="share-actions">${shareButtons(blog)}<div class="share-links" role="group" aria-label="${t(lang, "share.networks")}">${links}</div><span class="share-status" role="status"></span></div></details>`;
}
