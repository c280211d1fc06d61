// A post's share control: links to the post's permalink on X, Facebook, WhatsApp and Telegram
// that work with JavaScript off, and "Copy link" and the device's own "Share…" buttons that
// blocks.js shows only where they can work. The page also carries the control once as a
// <template> with placeholders, which blocks.js fills for posts that arrive live, so live.js
// builds nothing of it.

import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { postLabel } from "./excerpt.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";
import { absoluteUrl, postPath } from "./urls.js";

/** Stand-ins in the template's links, unchanged by URL encoding, replaced by blocks.js. */
export const SHARE_URL_HOLE = "__SHARE_URL__";
export const SHARE_TEXT_HOLE = "__SHARE_TEXT__";

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

/** The share control for one post, its links absolute to the post's permalink. */
export function renderShare(blog: Blog, post: Post, baseUrl: string): SafeHtml {
  const url = absoluteUrl(baseUrl, postPath(blog.slug, post.id));
  return shareControl(blog, encodeURIComponent(url), encodeURIComponent(shareText(post)), url);
}

/** The control once, with holes for the URL and text: blocks.js fills it for live posts. */
export function renderShareTemplate(blog: Blog): SafeHtml {
  return html`<template id="share-template">${shareControl(blog, SHARE_URL_HOLE, SHARE_TEXT_HOLE, SHARE_URL_HOLE)}</template>`;
}

function shareControl(blog: Blog, url: string, text: string, plainUrl: string): SafeHtml {
  const lang = blog.language;
  const links = SHARE_NETWORKS.map(
    (network) =>
      html`<a class="share-${network.id}" href="${network.href(url, text)}" target="_blank" rel="noopener noreferrer">${network.name}</a>`,
  );
  // A <details> keeps the links out of the way until asked for, with or without JavaScript.
  // The links are a group, not a list: a post's lists are its own words (CONTRACT.md).
  return html`<details class="share" data-url="${plainUrl}" data-copied="${t(lang, "share.copied")}" data-copy-failed="${t(lang, "share.copyFailed")}"><summary>${t(lang, "share.summary")}</summary><div class="share-actions"><button type="button" class="share-native" hidden>${t(lang, "share.native")}</button><button type="button" class="share-copy" hidden>${t(lang, "share.copy")}</button><div class="share-links" role="group" aria-label="${t(lang, "share.networks")}">${links}</div><span class="share-status" role="status"></span></div></details>`;
}
