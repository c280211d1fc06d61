// The reader's search page (GET /live/:slug/search?q=): a GET form that works without
// JavaScript, and the posts found, best match first, each a link to its permalink with a
// snippet whose matches are marked, a page of them at a time (a link to the next page when
// more match). The snippet is the post's plain text, escaped, with only our own <mark> around
// the matches (core/reader-search.ts): no markup from a post survives.
// Never indexed (no canonical URL), and never cached beyond the blog's current version.

import type { Blog } from "../core/blog.js";
import { READER_SEARCH_LIMIT, type ReaderSearchResult } from "../core/operations/reader-search.js";
import { snippetHtml } from "../core/reader-search.js";
import { fullDateTime, shownDateTime, timeOfDay } from "./dates.js";
import { renderDocument } from "./document.js";
import { excerpt, postLabel } from "./excerpt.js";
import { html, raw, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";
import type { PageContext } from "./page.js";
import { publishedTime } from "./post-view.js";
import { blogPath, postPath } from "./urls.js";

export function searchPath(slug: string, query?: string): string {
  const path = `${blogPath(slug)}/search`;
  return query ? `${path}?q=${encodeURIComponent(query)}` : path;
}

/** The search form, on the live page and atop the search page itself. */
export function renderSearchForm(blog: Blog, query = ""): SafeHtml {
  const lang = blog.language;
  return html`<form class="blog-search" role="search" method="get" action="${searchPath(blog.slug)}"><label for="search-q">${t(lang, "search.label")}</label><input id="search-q" type="search" name="q" value="${query}" maxlength="200"><button type="submit">${t(lang, "search.button")}</button></form>`;
}

export function renderSearchPage(
  blog: Blog,
  query: string,
  result: ReaderSearchResult,
  context: PageContext,
): string {
  const asked = result.words.length > 0;
  const count = result.hits.length;
  const lang = blog.language;
  const from = (result.page - 1) * result.limit + 1;
  // "12 updates found" only when they are all: a page among several says which matches it holds.
  const summary = !asked
    ? t(lang, "search.prompt")
    : count === 0
      ? t(lang, "search.none", { query })
      : result.page === 1 && !result.next
        ? t(lang, "search.found", { count, query })
        : t(lang, "search.foundPage", { from, to: from + count - 1, query });
  const more =
    result.next &&
    `${searchPath(blog.slug, query)}&page=${result.next}${result.limit === READER_SEARCH_LIMIT ? "" : `&limit=${result.limit}`}`;
  const items = result.hits.map(({ post, snippet }) => {
    const at = publishedTime(post);
    const label =
      excerpt(postLabel(post), 120) || t(lang, "post.updateAt", { time: timeOfDay(at, blog) });
    return html`<li class="search-result"><article><h2><a href="${postPath(blog.slug, post.id)}">${label}</a></h2><p class="post-meta"><time datetime="${at}" title="${fullDateTime(at, blog)}">${shownDateTime(at, blog)}</time></p><p class="search-snippet">${raw(snippetHtml(snippet))}</p></article></li>`;
  });
  const body = html`<header class="masthead"><div class="wrap">
<p class="part-of"><a href="${blogPath(blog.slug)}">${blog.title}</a></p>
<h1>${t(lang, "search.heading")}</h1>
</div></header>
<main id="main" class="wrap search-page">
${renderSearchForm(blog, query)}
<p class="search-summary" role="status">${summary}</p>
${count > 0 && html`<ol class="search-results" start="${from}">${items}</ol>`}
${more && html`<nav class="pager" aria-label="${t(lang, "page.moreUpdates")}"><a class="more-results" rel="next" href="${more}">${t(lang, "search.more")}</a></nav>`}
<p class="back-to-latest"><a href="${blogPath(blog.slug)}">${t(lang, "page.backToBlog")}</a></p>
</main>`;
  return renderDocument({
    head: {
      language: blog.language,
      title: asked
        ? t(lang, "search.title", { query, blog: blog.title })
        : t(lang, "search.titleEmpty", { blog: blog.title }),
      description: t(lang, "search.description", { blog: blog.title }),
    },
    // The live script only puts the times into the reader's zone here: it follows no events.
    assets: {
      style: context.assets.style,
      ...(context.assets.script && { script: context.assets.script }),
    },
    data: { slug: blog.slug, timezone: blog.timezone, lang: blog.language, page: "search" },
    body,
  });
}
