// A post's public version history as a reader page (GET /live/:slug/posts/:id/history): the
// post as it reads now, then what it said before each change after publishing, newest first,
// with when each version was shown and the correction note that replaced it. It reads the same
// with JavaScript off (the live script only puts its times into the reader's zone), and search
// engines are asked not to index it.

import type { Blog } from "../core/blog.js";
import type { PostVersion } from "../core/corrections.js";
import type { Post } from "../core/post.js";
import { renderSource } from "./attribution-view.js";
import { shownDateTime } from "./dates.js";
import { renderDocument } from "./document.js";
import { postLabel } from "./excerpt.js";
import { html, raw } from "./html.js";
import { t, tHtml } from "./i18n/messages.js";
import type { PageContext } from "./page.js";
import { renderPostArticle } from "./post-view.js";
import { blogPath, postPath } from "./urls.js";

export function renderHistoryPage(
  blog: Blog,
  post: Post,
  versions: readonly PostVersion[],
  context: PageContext,
): string {
  const lang = blog.language;
  const label = postLabel(post) || t(lang, "post.update");
  const items = versions.map(
    (version) =>
      html`<li class="post-version"><p class="version-dates">${tHtml(lang, "history.shown", {
        from: html`<time datetime="${version.shownFrom}">${shownDateTime(version.shownFrom, blog)}</time>`,
        until: html`<time datetime="${version.replacedAt}">${shownDateTime(version.replacedAt, blog)}</time>`,
      })}</p>${version.note && html`<p class="post-correction"><strong>${t(lang, "history.correction")}</strong> ${version.note}</p>`}${version.title && html`<h3 class="post-title">${version.title}</h3>`}<div class="post-body">${raw(version.html)}</div>${renderSource(version, lang)}</li>`,
  );
  const body = html`<header class="masthead"><div class="wrap">
<p class="part-of"><a href="${blogPath(blog.slug)}">${blog.title}</a></p>
</div></header>
<main id="main" class="wrap permalink history">
<h1>${t(lang, "history.heading")}</h1>
<section aria-labelledby="now-title"><h2 id="now-title">${t(lang, "history.now")}</h2>
${renderPostArticle(blog, post)}
</section>
<section aria-labelledby="before-title"><h2 id="before-title">${t(lang, "history.before")}</h2>
${versions.length === 0 ? html`<p>${t(lang, "history.unchanged")}</p>` : html`<ol class="post-versions">${items}</ol>`}
</section>
<p class="back-to-latest"><a href="${postPath(blog.slug, post.id)}">${t(lang, "history.backToUpdate")}</a> · <a href="${blogPath(blog.slug)}">${t(lang, "page.backToBlog")}</a></p>
</main>`;
  return renderDocument({
    head: {
      language: blog.language,
      title: t(lang, "history.title", { label, blog: blog.title }),
      description: t(lang, "history.description", { label }),
    },
    // The live script only puts the times into the reader's zone here: it follows no events.
    assets: {
      style: context.assets.style,
      ...(context.assets.script && { script: context.assets.script }),
    },
    data: { slug: blog.slug, timezone: blog.timezone, lang: blog.language, page: "history" },
    body,
  });
}
