// The AMP version of a live blog (GET /live/:slug/amp), for publishers that still serve AMP:
// the latest updates in an <amp-live-list>, which the AMP runtime refreshes by polling this
// same page. Only the AMP runtime and the amp-live-list extension are loaded; the rest is
// AMP HTML with one <style amp-custom>, no style attributes, images as <amp-img> and embeds
// as links (see core/content/render-amp.ts). A post says "Updated" and shows its correction,
// verification and source as on the reader page. The JSON-LD is the reader page's.

import type { Blog } from "../core/blog.js";
import { shownBylines } from "../core/byline.js";
import { REPLAY_LIMIT } from "../core/change.js";
import { renderInline } from "../core/content/inline.js";
import { renderAmpBlocks, renderAmpFigure } from "../core/content/render-amp.js";
import type { Newsroom } from "../core/ports.js";
import { renderSource, renderVerification } from "./attribution-view.js";
import { renderCorrection, renderUpdated } from "./corrections-view.js";
import { fullDateTime, timeOfDay } from "./dates.js";
import { textDirection } from "./direction.js";
import { html, raw, type SafeHtml } from "./html.js";
import { blockWordsFor } from "./i18n/block-words.js";
import { joinList, t } from "./i18n/messages.js";
import { liveBlogPosting, serializeJsonLd } from "./jsonld.js";
import { type Coverage, closedNotice, type PageContext } from "./page.js";
import { publishedTime } from "./post-view.js";
import { renderPostTags } from "./tags-view.js";
import { absoluteUrl, blogPath, postPath } from "./urls.js";

/** How often the AMP runtime asks this page for new updates (its minimum is 15 s). */
export const AMP_POLL_MS = 15_000;
/** Updates on the AMP page, as on the first page of the reader's. */
export const AMP_MAX_ITEMS = 50;

/** A post deleted (or unpublished) lately: the live list removes it from open pages. */
export interface AmpTombstone {
  id: string;
  at: string;
}

export interface AmpPageInput {
  blog: Blog;
  coverage: Coverage;
  context: PageContext;
  tombstones: readonly AmpTombstone[];
}

/**
 * The AMP page's own Content-Security-Policy. AMP needs its runtime (and the chunks it loads)
 * from cdn.ampproject.org and inline styles (the boilerplate, amp-custom, and the styles the
 * runtime sets on its elements), which the reader pages' policy refuses. Nothing inline runs:
 * the only scripts are AMP's, and the JSON-LD is data.
 */
export const AMP_CSP = [
  "default-src 'self'",
  "script-src https://cdn.ampproject.org/",
  "style-src 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self' https://cdn.ampproject.org",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** How far back deletions are read, in changes: as far as a reconnecting reader is replayed. */
const TOMBSTONE_CHANGES = REPLAY_LIMIT;

/** Posts deleted or unpublished among the blog's latest changes. */
export async function recentTombstones(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
): Promise<AmpTombstone[]> {
  const last = await newsroom.store.lastSeq(blog.id);
  const changes = await newsroom.store.listChanges(
    blog.id,
    Math.max(0, last - TOMBSTONE_CHANGES),
    TOMBSTONE_CHANGES,
  );
  return changes.flatMap((change) =>
    change.kind === "delete" ? [{ id: change.postId, at: change.at }] : [],
  );
}

export const AMP_RUNTIME = "https://cdn.ampproject.org/v0.js";
export const AMP_LIVE_LIST = "https://cdn.ampproject.org/v0/amp-live-list-0.1.js";

/** The AMP boilerplate, exactly as the AMP HTML specification gives it. */
export const AMP_BOILERPLATE =
  "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style>" +
  "<noscript><style amp-boilerplate>body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}</style></noscript>";

export function renderAmpPage(input: AmpPageInput): string {
  const { blog, coverage, context, tombstones } = input;
  const { baseUrl } = context;
  const canonical = absoluteUrl(baseUrl, blogPath(blog.slug));
  const posts = coverage.posts;
  const jsonLd = liveBlogPosting(blog, posts, {
    baseUrl,
    pageUrl: canonical,
    ...(context.publisher ? { publisher: context.publisher } : {}),
  });
  const closed = blog.status === "closed";
  const lang = blog.language;
  // Tombstones of posts still shown would remove them: only those gone from the page.
  const shown = new Set(posts.map((post) => post.id));
  const gone = tombstones.filter((tombstone) => !shown.has(tombstone.id));

  return `<!doctype html>\n${html`<html ⚡ lang="${blog.language}" dir="${textDirection(blog.language)}"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${blog.title}</title>
<link rel="canonical" href="${canonical}">
<meta name="description" content="${blog.summary || blog.title}">
<script async src="${AMP_RUNTIME}"></script>
<script async custom-element="amp-live-list" src="${AMP_LIVE_LIST}"></script>
<script type="application/ld+json">${raw(serializeJsonLd(jsonLd))}</script>
<style amp-custom>${raw(AMP_CSS)}</style>
${raw(AMP_BOILERPLATE)}
</head>
<body>
<header class="masthead"><div class="wrap">
${!closed && html`<p class="live-badge">${t(lang, "page.live")}</p>`}
<h1>${blog.title}</h1>
${blog.summary && html`<p class="standfirst">${blog.summary}</p>`}
</div></header>
<main class="wrap">
${closed && html`<p class="closed-notice">${closedNotice(blog)}</p>`}
${blog.hero && raw(renderAmpFigure(blog.hero, "hero"))}
${blog.intro.length > 0 && html`<div class="lead">${raw(renderAmpBlocks(blog.intro, blockWordsFor(blog.language)))}</div>`}
<amp-live-list id="updates" layout="container" data-poll-interval="${AMP_POLL_MS}" data-max-items-per-page="${AMP_MAX_ITEMS}">
<button update on="tap:updates.update" class="new-updates">${t(lang, "amp.showNew")}</button>
<div items>${posts.map((post) => ampArticle(blog, post))}${gone.map(
    (tombstone) =>
      html`<div id="post-${tombstone.id}" data-sort-time="${Date.parse(tombstone.at)}" data-tombstone></div>`,
  )}</div>
<div pagination>${coverage.next && html`<nav class="pager"><a href="${blogPath(blog.slug, coverage.next)}">${t(lang, "page.olderUpdates")}</a></nav>`}</div>
</amp-live-list>
${posts.length === 0 && html`<p class="no-updates">${t(lang, "page.noUpdates")}</p>`}
<p class="full-page"><a href="${canonical}">${t(lang, "amp.openFull")}</a></p>
</main>
${blog.sourceNote && html`<footer class="site-footer"><div class="wrap"><p>${raw(renderInline(blog.sourceNote))}</p></div></footer>`}
</body></html>`}\n`;
}

/**
 * One update as a live-list item: its id, when it went out (its place in the list) and when
 * it last changed (so an edit replaces it on open pages).
 */
function ampArticle(blog: Blog, post: Coverage["posts"][number]): SafeHtml {
  const at = publishedTime(post);
  const title = post.title.trim();
  const names = shownBylines(post).map((byline) => html`${byline.name}`);
  const lang = blog.language;
  const updated = renderUpdated(blog, post);
  return html`<article id="post-${post.id}" class="post${post.keyEvent ? " is-key-event" : ""}" data-sort-time="${Date.parse(at)}" data-update-time="${Date.parse(post.updatedAt)}">
${title && html`<h2>${title}</h2>`}
<p class="post-meta"><a href="${postPath(blog.slug, post.id)}"><time datetime="${at}" title="${fullDateTime(at, blog)}">${timeOfDay(at, blog)}</time></a>${names.length > 0 && html` <span class="author">${joinList(lang, names)}</span>`}${post.pinned && html` <span class="label">${t(lang, "post.pinned")}</span>`}${post.keyEvent && html` <span class="label">${t(lang, "post.keyEvent")}</span>`}${updated && html` ${updated}`}</p>
${renderVerification(post, lang)}${renderCorrection(blog, post)}<div class="post-body">${raw(renderAmpBlocks(post.blocks, blockWordsFor(lang)))}</div>${renderSource(post, lang)}${renderPostTags(blog, post)}
</article>`;
}

/** The page's whole stylesheet (AMP allows one, under 75,000 bytes, no !important). */
const AMP_CSS = [
  "body{margin:0;font:1rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff}",
  ".wrap{max-width:680px;margin:0 auto;padding:0 1rem}",
  ".masthead{border-bottom:1px solid #ddd;padding:1rem 0}",
  "h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0}",
  ".standfirst{color:#444;margin:.5rem 0 0}",
  ".live-badge{display:inline-block;margin:0;padding:0 .5rem;background:#b00020;color:#fff;font-weight:700;font-size:.8rem;text-transform:uppercase}",
  ".closed-notice{margin:1rem 0;padding:.75rem 1rem;border-inline-start:4px solid #b00020;background:#f4f4f4;font-weight:600}",
  "figure{margin:1.25rem 0}",
  "figcaption{margin-top:.4rem;font-size:.875rem;color:#555}",
  ".credit{font-size:.8rem;text-transform:uppercase}",
  "amp-img.unsized img{object-fit:contain}",
  ".post{border-top:1px solid #ddd;padding:1rem 0}",
  ".post.is-key-event{border-top:3px solid #b00020}",
  ".post h2{font-size:1.2rem;margin:0 0 .25rem}",
  ".post-meta{font-size:.875rem;color:#555;margin:0 0 .5rem}",
  ".label{margin-inline-start:.5rem;padding:0 .35rem;background:#f4f4f4;font-size:.75rem;text-transform:uppercase}",
  ".post-verification{font-size:.875rem;margin:0 0 .5rem}",
  ".verification-badge{margin-inline-end:.5rem;padding:0 .35rem;border:2px solid #767676;font-size:.75rem;font-weight:700;text-transform:uppercase}",
  ".is-unconfirmed .verification-badge{border-style:dashed}",
  ".is-disputed .verification-badge{border-color:#b00020}",
  ".post-source{font-size:.875rem;color:#555;margin:.5rem 0 0}",
  ".post-source-label{font-weight:700}",
  "blockquote{margin:0;padding-inline-start:1rem;border-inline-start:3px solid #ddd}",
  ".post-tags{font-size:.875rem;margin:.5rem 0 0}",
  ".post-tags-label{font-weight:700;color:#555}",
  ".link-card{display:block;padding:.75rem;border:1px solid #ddd;overflow-wrap:anywhere}",
  ".link-host{font-weight:600}",
  ".link-title,.link-description{display:block}",
  ".new-updates{display:block;margin:1rem auto;padding:.5rem 1rem;border:0;border-radius:1rem;background:#b00020;color:#fff;font:inherit;cursor:pointer}",
  ".pager,.full-page{margin:1.5rem 0}",
  ".site-footer{border-top:1px solid #ddd;margin-top:2rem;padding:1rem 0;font-size:.875rem;color:#555}",
  "a{color:#0b5cad}",
].join("");
