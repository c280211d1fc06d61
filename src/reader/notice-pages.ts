// The reader's pages that are not a blog: the list of live blogs at /live, and the friendly
// pages a reader sees for a blog or post that does not exist or a page link that is broken
// (in the blog's language when the blog is known, English when it is not).

import type { Blog } from "../core/blog.js";
import { renderDocument } from "./document.js";
import { allBlogsFeedLink } from "./feeds/head-links.js";
import { html } from "./html.js";
import { t } from "./i18n/messages.js";
import type { PageContext } from "./page.js";
import { blogPath } from "./urls.js";

export function renderErrorPage(
  context: PageContext,
  problem: { title: string; message: string; link?: { href: string; label: string } },
  language = "en",
): string {
  const { link } = problem;
  return renderDocument({
    head: { language, title: problem.title, description: problem.message },
    assets: { style: context.assets.style },
    body: html`<main id="main" class="wrap notice-page">
<h1>${problem.title}</h1>
<p>${problem.message}</p>
${link && html`<p><a href="${link.href}">${link.label}</a></p>`}
</main>`,
  });
}

/** A blog's update that is not there (never made, taken down, a tag no update has), in its language. */
export function renderMissingUpdatePage(context: PageContext, slug: string, language: string) {
  return renderErrorPage(
    context,
    {
      title: t(language, "notice.missingUpdate"),
      message: t(language, "notice.missingUpdateWhy"),
      link: { href: blogPath(slug), label: t(language, "page.backToBlog") },
    },
    language,
  );
}

/** A link to a blog's page that cannot be read (a broken cursor or query), in its language. */
export function renderBrokenLinkPage(context: PageContext, slug: string, language: string) {
  return renderErrorPage(
    context,
    {
      title: t(language, "notice.brokenLink"),
      message: t(language, "notice.brokenLinkWhy"),
      link: { href: blogPath(slug), label: t(language, "page.backToLatest") },
    },
    language,
  );
}

/** Every blog, live ones first, newest first within each. */
export function renderBlogIndex(blogs: readonly Blog[], context: PageContext): string {
  const sorted = [...blogs].sort(
    (a, b) =>
      Number(a.status === "closed") - Number(b.status === "closed") ||
      Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  const items = sorted.map(
    (blog) =>
      html`<li><a href="${blogPath(blog.slug)}" lang="${blog.language}">${blog.title}</a>${
        blog.status === "live" ? html` <span class="live-badge">Live</span>` : ""
      }${blog.summary && html`<p>${blog.summary}</p>`}</li>`,
  );
  return renderDocument({
    head: {
      language: "en",
      title: "Live coverage",
      description: "Live coverage as it happens.",
      alternates: allBlogsFeedLink(context.baseUrl),
    },
    assets: { style: context.assets.style },
    body: html`<main id="main" class="wrap notice-page">
<h1>Live coverage</h1>
${items.length > 0 ? html`<ul class="blog-index">${items}</ul>` : html`<p>No live blogs yet.</p>`}
</main>`,
  });
}
