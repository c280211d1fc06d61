// The embed page (GET /live/:slug/embed): the blog as a partner's page frames it. No site
// chrome (no masthead, lead, key-events list, footer, JSON-LD or social tags): the blog's
// title small, a Live badge, the posts and the same live behaviour as the reader page, from
// the same script (live-follow.js and live.js, with embed-frame.js telling the parent page its
// height). Framed, its links open in a new tab (embed-frame.js), since the frame is a window
// into the reader page, not a place to read it.

import type { Blog } from "../core/blog.js";
import type { BoxFigure } from "../core/figures.js";
import type { Post } from "../core/post.js";
import { renderContributeForm } from "./contribute-view.js";
import { textDirection } from "./direction.js";
import type { ReaderAssetUrls } from "./document.js";
import { type EmbedOptions, embedCustomProperties, embedQuery } from "./embed-options.js";
import { renderFiguresBox } from "./figures-view.js";
import { html, raw } from "./html.js";
import { renderReaderMessages } from "./i18n/browser.js";
import { t } from "./i18n/messages.js";
import { closedNotice } from "./page.js";
import { renderPostArticle, renderStream } from "./post-view.js";
import { renderShareTemplate } from "./share-view.js";
import { absoluteUrl, blogPath, figuresPath } from "./urls.js";

export interface EmbedPageInput {
  blog: Blog;
  /** The posts shown, newest first (the one post for `post=ID`). */
  posts: Post[];
  /** The pinned post, on top of the latest page of a full embed. */
  pinned?: Post;
  /** The cursor of the next, older page. */
  next?: string;
  seq: number;
  options: EmbedOptions;
  baseUrl: string;
  assets: Required<Pick<ReaderAssetUrls, "style" | "script">> & Pick<ReaderAssetUrls, "contribute">;
  /** The key figures box, on the latest page of a full embed (figures-view.ts). */
  figures?: readonly BoxFigure[];
}

/** The <style> the options need (custom properties only), or "" when none are set. */
export function embedStyle(options: EmbedOptions): string {
  const properties = embedCustomProperties(options);
  return properties ? `.dispatch-embed {\n${properties}\n}` : "";
}

export function renderEmbedPage(input: EmbedPageInput): string {
  const { blog, options, pinned, next, baseUrl } = input;
  const latest = options.before === undefined;
  const stream = input.posts.filter((post) => post.id !== pinned?.id);
  const shown = pinned ? [pinned, ...stream] : stream;
  const closed = blog.status === "closed";
  const style = embedStyle(options);
  const mode = options.post !== undefined ? "post" : options.keyEvents ? "key" : "all";
  // The form asks on the latest updates of a full embed only.
  const form = mode === "all" && latest ? renderContributeForm(blog) : null;
  const data: Record<string, string> = {
    slug: blog.slug,
    seq: String(input.seq),
    timezone: blog.timezone,
    lang: blog.language,
    page: latest ? "latest" : "older",
    state: blog.status,
    embed: mode,
    ...(options.post !== undefined ? { post: options.post } : {}),
  };
  const dataAttributes = Object.entries(data).map(
    ([name, value]) => html` data-${raw(name)}="${value}"`,
  );
  const lang = blog.language;
  const empty = t(
    lang,
    mode === "key" ? "embed.noKeyEvents" : latest ? "page.noUpdates" : "embed.noOlderUpdates",
  );
  return `<!doctype html>\n${html`<html lang="${blog.language}" dir="${textDirection(blog.language)}"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${blog.title}</title>
<meta name="robots" content="noindex">
<meta name="color-scheme" content="${options.theme === "auto" ? "light dark" : options.theme}">
<link rel="canonical" href="${absoluteUrl(baseUrl, blogPath(blog.slug))}">
<link rel="stylesheet" href="${input.assets.style}">
${style && html`<style>${raw(style)}</style>`}
<script src="${input.assets.script}" defer></script>
${form && input.assets.contribute && html`<script src="${input.assets.contribute}" defer></script>`}
</head>
<body${dataAttributes}>
<main class="dispatch-embed" data-theme="${options.theme}">
<header class="embed-head"><span class="live-badge"${closed && raw(" hidden")}>${t(lang, "page.live")}</span> <h1 class="embed-heading"><a id="headline" class="embed-title" href="${absoluteUrl(baseUrl, blogPath(blog.slug))}" target="_blank" rel="noopener">${blog.title}</a></h1></header>
<p class="closed-notice"${!closed && raw(" hidden")}>${closedNotice(blog)}</p>
${mode === "all" && latest && html`<section id="pinned" class="pinned" aria-label="${t(lang, "page.pinnedRegion")}"${!pinned && raw(" hidden")}>${pinned && renderPostArticle(blog, pinned, 2, baseUrl)}</section>`}
${mode === "all" && latest && input.figures && renderFiguresBox(input.figures, blog, { href: absoluteUrl(baseUrl, figuresPath(blog.slug)), newTab: true })}
${form}
<button type="button" class="new-updates" hidden></button>
<div id="updates">${renderStream(blog, stream, baseUrl)}</div>
<p id="no-updates" class="no-updates"${shown.length > 0 && raw(" hidden")}>${empty}</p>
${mode !== "post" && next && html`<nav class="pager" aria-label="${t(lang, "page.moreUpdates")}"><a class="older" target="_self" href="${`${blogPath(blog.slug)}/embed${embedQuery(options, next)}`}">${t(lang, "page.olderUpdates")}</a></nav>`}
<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
${renderShareTemplate(blog, baseUrl)}
</main>
${renderReaderMessages(lang)}
</body></html>`}\n`;
}
