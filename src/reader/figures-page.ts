// Every key figure with its whole history as a reader page (GET /live/:slug/figures): the box
// carries each figure's latest earlier values and links here once a figure has more. Each
// figure's values now, then every value it showed before, newest first, on the blog's clock
// (named) as in the box. No script: it reads the same with JavaScript off.

import type { Blog } from "../core/blog.js";
import type { BoxFigure } from "../core/figures.js";
import { renderDocument } from "./document.js";
import { renderValue } from "./figures-view.js";
import { html } from "./html.js";
import { t } from "./i18n/messages.js";
import type { PageContext } from "./page.js";
import { blogPath } from "./urls.js";

export function renderFiguresPage(
  blog: Blog,
  figures: readonly BoxFigure[],
  context: PageContext,
): string {
  const lang = blog.language;
  const sections = figures.map(
    (figure) =>
      html`<section class="figure-record" aria-labelledby="figure-${figure.id}"><h2 id="figure-${figure.id}">${figure.label}</h2><ul>${figure.values.map(
        (value) => html`<li>${renderValue(value, blog)}</li>`,
      )}</ul>${
        figure.history.length > 0 &&
        html`<h3>${t(lang, "figures.earlier")}</h3><ol>${figure.history.map(
          (value) => html`<li>${renderValue(value, blog)}</li>`,
        )}</ol>`
      }</section>`,
  );
  const body = html`<header class="masthead"><div class="wrap">
<p class="part-of"><a href="${blogPath(blog.slug)}">${blog.title}</a></p>
</div></header>
<main id="main" class="wrap permalink figures-page">
<h1>${t(lang, "figures.pageHeading")}</h1>
${figures.length === 0 ? html`<p>${t(lang, "figures.none")}</p>` : sections}
<p class="back-to-latest"><a href="${blogPath(blog.slug)}">${t(lang, "page.backToBlog")}</a></p>
</main>`;
  return renderDocument({
    head: {
      language: blog.language,
      title: t(lang, "figures.pageTitle", { blog: blog.title }),
      description: t(lang, "figures.pageDescription"),
    },
    assets: { style: context.assets.style },
    data: { slug: blog.slug, timezone: blog.timezone, lang: blog.language, page: "figures" },
    body,
  });
}
