// The lite page (GET /live/:slug/lite): the live blog for the worst networks. Text only: no
// images (an image, a gallery's too, is its description, caption and credit, with a link to
// the picture), no embeds (a link), no script, no web font, no avatars; one small <style>
// block, allowed by its hash in the page's own policy. Each post keeps what readers must not
// miss: "Updated", a correction, its verification and its source line. The key figures box
// leads the latest page, in text as on the full page. Fifty posts weigh well under 20 KB
// gzipped.

import { createHash } from "node:crypto";
import type { Blog } from "../core/blog.js";
import { shownBylines } from "../core/byline.js";
import type { Block, Image } from "../core/content/blocks.js";
import { renderBlock } from "../core/content/render.js";
import type { BoxFigure } from "../core/figures.js";
import type { Post } from "../core/post.js";
import { renderSource, renderVerification } from "./attribution-view.js";
import { renderCorrection, renderUpdated } from "./corrections-view.js";
import { fullDateTime, timeOfDay } from "./dates.js";
import { textDirection } from "./direction.js";
import { renderFiguresBox } from "./figures-view.js";
import { html, raw, type SafeHtml } from "./html.js";
import { blockWordsFor } from "./i18n/block-words.js";
import { joinList, t } from "./i18n/messages.js";
import type { Coverage } from "./page.js";
import { publishedTime } from "./post-view.js";
import { tagPath } from "./tags-view.js";
import { blogPath, figuresPath, postPath } from "./urls.js";

export const LITE_STYLE =
  "body{max-width:40rem;margin:0 auto;padding:0 .75rem;font:1rem/1.45 sans-serif;color:#111;background:#fff}" +
  "a{color:#0645ad}article{border-top:1px solid #888;padding:.25rem 0}h2{font-size:1.1rem;margin:.5rem 0}" +
  ".m,.i{color:#444;font-size:.9rem}blockquote{margin:0;margin-inline-start:1rem}";

const LITE_STYLE_HASH = `'sha256-${createHash("sha256").update(LITE_STYLE).digest("base64")}'`;

/** Nothing loads but the page itself; its one style block is allowed by its hash. */
export const LITE_CSP = [
  "default-src 'none'",
  `style-src ${LITE_STYLE_HASH}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** The lite page's path, for older updates with their cursor. */
export function litePath(slug: string, before?: string): string {
  const path = `${blogPath(slug)}/lite`;
  return before ? `${path}?before=${encodeURIComponent(before)}` : path;
}

export interface LitePageInput {
  blog: Blog;
  coverage: Coverage;
  before?: string;
  /** The key figures box, shown on the latest page only. */
  figures?: readonly BoxFigure[];
  /** Absolute base for the canonical link (the full page). */
  baseUrl: string;
}

export function renderLitePage(input: LitePageInput): string {
  const { blog, coverage, before } = input;
  const latest = before === undefined;
  const pinned = latest ? coverage.pinned : undefined;
  const posts = [
    ...(pinned ? [pinned] : []),
    ...coverage.posts.filter((post) => post.id !== pinned?.id),
  ];
  const full = blogPath(blog.slug, before);
  const lang = blog.language;
  const state = t(lang, blog.status === "closed" ? "lite.closed" : "page.live");
  const body = html`<header><p><a href="${full}">${t(lang, "lite.fullVersion")}</a> · ${state}</p>
<h1>${blog.title}</h1>${blog.summary && html`<p>${blog.summary}</p>`}</header>
<main>
${!latest && html`<p><a href="${litePath(blog.slug)}">${t(lang, "page.latestUpdates")}</a></p>`}
${latest && input.figures && input.figures.length > 0 && renderFiguresBox(input.figures, blog, { href: figuresPath(blog.slug) })}
${posts.length === 0 && html`<p>${t(lang, latest ? "page.noUpdates" : "page.noOlderUpdates")}</p>`}
${posts.map((post) => litePost(blog, post, post.id === pinned?.id))}
${coverage.next && html`<p><a rel="next" href="${litePath(blog.slug, coverage.next)}">${t(lang, "page.olderUpdates")}</a></p>`}
</main>`;
  return `<!doctype html>\n${html`<html lang="${blog.language}" dir="${textDirection(blog.language)}"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(lang, "lite.title", { title: blog.title })}</title>
<link rel="canonical" href="${new URL(full, `${input.baseUrl}/`).href}">
<style>${raw(LITE_STYLE)}</style>
</head>
<body>
${body}
</body></html>`}\n`;
}

function litePost(blog: Blog, post: Post, pinned: boolean): SafeHtml {
  const at = publishedTime(post);
  const time = timeOfDay(at, blog);
  const names = shownBylines(post).map((byline) => byline.name);
  const lang = blog.language;
  // Names joined as the language joins them ("A وB"); labels set apart like the other parts.
  const labels = [
    pinned ? t(lang, "post.pinned") : "",
    post.keyEvent ? t(lang, "post.keyEvent") : "",
  ].filter(Boolean);
  // As on the full page: "Updated 14:32" (to the post's history) and the correction note.
  const updated = renderUpdated(blog, post);
  return html`<article id="post-${post.id}"><h2>${post.title.trim() || t(lang, "post.updateAt", { time })}</h2><p class="m"><a href="${postPath(blog.slug, post.id)}"><time datetime="${at}" title="${fullDateTime(at, blog)}">${time}</time></a>${
    names.length > 0 &&
    html` · ${joinList(
      lang,
      names.map((name) => html`${name}`),
    )}`
  }${labels.map((label) => ` · ${label}`)}${updated && html` · ${updated}`}</p>${renderVerification(post, lang)}${renderCorrection(blog, post)}${raw(post.blocks.map((block) => liteBlock(block, blog)).join(""))}${renderSource(post, lang)}${renderLiteTags(blog, post)}</article>`;
}

/** "Tagged: Kyiv, Diplomacy", linking to each tag's view, as small print after the words. */
function renderLiteTags(blog: Blog, post: Post): SafeHtml | false {
  const tags = post.tags ?? [];
  return (
    tags.length > 0 &&
    html`<p class="m">${t(blog.language, "tags.tagged")}: ${tags.map((tag, i) => html`${i > 0 && ", "}<a href="${tagPath(blog.slug, tag)}">${tag}</a>`)}</p>`
  );
}

/** An image told in words (alt, caption, credit) with a link to the picture itself. */
function imageInWords(image: Image, lang: string): SafeHtml {
  const words = [image.alt, image.caption, image.credit && `(${image.credit})`]
    .filter(Boolean)
    .join(" ");
  const told = words ? t(lang, "lite.imageDescribed", { words }) : t(lang, "lite.image");
  return html`<p class="i">${told} <a href="${image.src}">${t(lang, "lite.viewImage")}</a></p>`;
}

/**
 * A block without anything to download: an image (a gallery's too) is told in words, an
 * embed is a link.
 */
function liteBlock(block: Block, blog: Blog): string {
  const lang = blog.language;
  if (block.type === "image") return imageInWords(block, lang).toString();
  if (block.type === "gallery") {
    // Each photo as an image block is told, after the gallery's own caption.
    return html`${block.caption && html`<p class="i">${block.caption}</p>`}${block.images.map((image) => imageInWords(image, lang))}`.toString();
  }
  if (block.type === "embed") {
    // A read link card in words only: its title as the link, its site and description after.
    const card = block.card?.url === block.url ? block.card : undefined;
    const label = block.caption ?? card?.title ?? block.url;
    const about = [card?.site, card?.description].filter(Boolean).join(": ");
    return html`<p class="i"><a href="${block.url}" rel="noopener noreferrer">${label}</a>${about && ` (${about})`}</p>`.toString();
  }
  // A poll past its closing time shows its results, not a form the server would refuse.
  return renderBlock(block, blockWordsFor(lang), { at: new Date(), zone: blog });
}
