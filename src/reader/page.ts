// The reader's live blog page (GET /live/:slug) and a post's permalink page
// (GET /live/:slug/posts/:id): server-rendered and complete with JavaScript off. live.js then
// keeps the live page current from the blog's event stream, starting at the page's sequence.

import type { Blog } from "../core/blog.js";
import type { CommentThread } from "../core/comments.js";
import { type Image, imagesOfBlock } from "../core/content/blocks.js";
import { renderInline } from "../core/content/inline.js";
import { blocksToPlainText, renderBlocks, renderFigure } from "../core/content/render.js";
import { takesContributions } from "../core/contributions.js";
import type { BoxFigure } from "../core/figures.js";
import type { getCoverage } from "../core/operations/read.js";
import type { Post } from "../core/post.js";
import type { TagCount } from "../core/tags.js";
import { adSlotAttributes } from "./ad-slots-view.js";
import { renderAlertsControl } from "./alerts-view.js";
import { renderComments } from "./comments-view.js";
import { renderContributeForm } from "./contribute-view.js";
import { dayLabel, endedAt, latestTime } from "./dates.js";
import { type PageHead, type ReaderAssetUrls, renderDocument } from "./document.js";
import { excerpt, postLabel } from "./excerpt.js";
import { distributionLinks } from "./feeds/head-links.js";
import { renderFiguresBox } from "./figures-view.js";
import { html, raw, type SafeHtml } from "./html.js";
import { blockWordsFor } from "./i18n/block-words.js";
import { renderReaderMessages } from "./i18n/browser.js";
import { t } from "./i18n/messages.js";
import { blogPosting, liveBlogPosting, type Publisher } from "./jsonld.js";
import { litePath } from "./lite-page.js";
import { publishedTime, renderKeyEvents, renderPostArticle, renderStream } from "./post-view.js";
import { renderSearchForm } from "./search-page.js";
import { CARD_HEIGHT, CARD_WIDTH } from "./share-card.js";
import { shareCardPath } from "./share-card-route.js";
import { renderShareTemplate } from "./share-view.js";
import { renderTaggedHeading, renderTagList, taggedTitle } from "./tags-view.js";
import { absoluteUrl, ampPath, blogPath, figuresPath, postPath } from "./urls.js";
import { type LiveView, renderStoryLinks, renderViewToggle, viewPath } from "./views.js";
import { renderZoneNote } from "./zone-note.js";

export type Coverage = Awaited<ReturnType<typeof getCoverage>>;

/** What every reader page needs besides its content. */
export interface PageContext {
  /** PUBLIC_URL, or the request's origin; no trailing slash. */
  baseUrl: string;
  assets: ReaderAssetUrls;
  /** The newsroom, for JSON-LD and og:site_name; "Dispatch" when not given. */
  publisher?: Publisher;
}

const DEFAULT_PUBLISHER: Publisher = { name: "Dispatch" };

export interface LivePageInput extends PageContext {
  blog: Blog;
  coverage: Coverage;
  /** The cursor this page was asked for: set on pages of older updates. */
  before?: string;
  /** The key figures box (figures-view.ts), on the latest updates' page. */
  figures?: readonly BoxFigure[];
  /** Key events only, one day or one tag (views.ts); unset: every update. */
  view?: LiveView;
  /** The blog's tags with their counts (tags-view.ts), listed beside the view toggle. */
  tags?: readonly TagCount[];
  /** The publisher's ad script (ad-scripts.ts), given only for a blog with ad slots. */
  adScript?: string;
  /** Readers' approved comments, drawn under the posts; unset: the page shows none. */
  comments?: readonly CommentThread[];
}

export function renderLivePage(input: LivePageInput): string {
  const { blog, coverage, baseUrl, before, view = {} } = input;
  const latestPage = before === undefined;
  const filtered = Boolean(view.keyEvents || view.day || view.tag);
  // The pinned post tops the first page only; on older pages it keeps its place in time.
  const pinned = latestPage && !filtered ? coverage.pinned : undefined;
  const stream = coverage.posts.filter((post) => post.id !== pinned?.id);
  const shown = pinned ? [pinned, ...stream] : stream;
  const pageUrl = absoluteUrl(baseUrl, viewPath(blog.slug, view, before));
  const closed = blog.status === "closed";
  const publisher = input.publisher ?? DEFAULT_PUBLISHER;
  // The form asks on the latest updates only, where what readers send is about.
  const contributing = latestPage && !view.day && takesContributions(blog);

  const head: PageHead = {
    language: blog.language,
    title: viewTitle(blog, view, latestPage),
    description: blogDescription(blog),
    canonicalUrl: pageUrl,
    publishedTime: blog.createdAt,
    modifiedTime: latestTime(blog.updatedAt, ...shown.map((post) => post.updatedAt)),
    jsonLd: liveBlogPosting(blog, shown, { baseUrl, pageUrl, publisher }),
    alternates: distributionLinks(blog, baseUrl),
    siteName: publisher.name,
  };
  // The AMP page is the latest updates; pages of older ones have no AMP version.
  if (latestPage && !filtered) head.ampUrl = absoluteUrl(baseUrl, ampPath(blog.slug));
  if (blog.hero) head.image = { url: absoluteUrl(baseUrl, blog.hero.src), alt: blog.hero.alt };

  const lang = blog.language;
  const body = html`<a class="skip-link" href="#updates">${t(lang, "page.skipLink")}</a>
${masthead(blog)}
<main id="main" class="wrap">
<p class="closed-notice"${!closed && raw(" hidden")}>${closedNotice(blog)}</p>
${blog.hero && raw(renderFigure(blog.hero, "hero", true))}
${blog.intro.length > 0 && html`<div class="lead">${raw(renderBlocks(blog.intro, blockWordsFor(blog.language), { at: new Date(), zone: blog }))}</div>`}
${(!latestPage || view.day) && html`<p class="back-to-latest"><a href="${blogPath(blog.slug)}">${t(lang, "page.backToLatest")}</a></p>`}
${view.day && html`<h2 class="day-title">${dayOf(view.day, blog)}</h2>`}
${renderSearchForm(blog)}
${contributing && renderContributeForm(blog)}
${renderStoryLinks(blog)}
${renderViewToggle(blog, view)}
${!view.day && renderAlertsControl(blog)}
${view.tag && renderTaggedHeading(blog, view.tag.name)}
${!view.day && input.tags && renderTagList(blog, input.tags, view.tag?.slug)}
${latestPage && input.figures && renderFiguresBox(input.figures, blog, { href: figuresPath(blog.slug) })}
${renderKeyEvents(blog, coverage.keyEvents, new Set(shown.map((post) => post.id)))}
<section id="pinned" class="pinned" aria-label="${t(lang, "page.pinnedRegion")}"${!pinned && raw(" hidden")}>${pinned && renderPostArticle(blog, pinned, 2, baseUrl)}</section>
<section class="stream" aria-labelledby="updates-title">
<h2 id="updates-title" class="visually-hidden">${t(lang, latestPage ? "page.latestUpdates" : "page.olderUpdates")}</h2>
${renderZoneNote(blog, head.modifiedTime ?? blog.updatedAt)}
<button type="button" class="new-updates" hidden></button>
<div id="updates"${adSlotAttributes(blog)}>${renderStream(blog, stream, baseUrl, blog.adSlots)}</div>
<p id="no-updates" class="no-updates"${shown.length > 0 && raw(" hidden")}>${t(lang, latestPage ? "page.noUpdates" : "page.noOlderUpdates")}</p>
</section>
${coverage.next && html`<nav class="pager" aria-label="${t(lang, "page.moreUpdates")}"><a class="older" rel="next" href="${viewPath(blog.slug, view, coverage.next)}">${t(lang, "page.olderUpdates")}</a></nav>`}
${input.comments && renderComments(blog, input.comments)}
</main>
${sourceFooter(blog)}
<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
${!view.day && renderShareTemplate(blog, baseUrl)}
${!view.day && renderReaderMessages(lang)}`;

  return renderDocument({
    head,
    // A day's archive stays as it was rendered (the cache renders it again after each change).
    assets: view.day
      ? { style: input.assets.style }
      : {
          ...withoutContribute(input.assets, contributing),
          ...(input.adScript ? { adScript: input.adScript } : {}),
        },
    data: {
      slug: blog.slug,
      seq: String(coverage.lastSeq),
      timezone: blog.timezone,
      lang: blog.language,
      page: latestPage && !view.day ? "latest" : "older",
      state: blog.status,
      ...(view.keyEvents && !view.tag ? { view: "key" } : {}),
      // live.js adds a post arriving live to this page only when it carries the tag.
      ...(view.tag ? { view: "tag", tag: view.tag.slug } : {}),
    },
    body,
  });
}

/** One post on a page of its own, linking back to its live blog. */
/** A post's page; as a newsroom `preview` it also shows posts not out yet, and is never indexed. */
export function renderPostPage(
  blog: Blog,
  post: Post,
  context: PageContext,
  options: { preview?: boolean } = {},
): string {
  const { baseUrl } = context;
  const { preview = false } = options;
  const publisher = context.publisher ?? DEFAULT_PUBLISHER;
  const url = absoluteUrl(baseUrl, postPath(blog.slug, post.id));
  const text = blocksToPlainText(post.blocks);
  const image = post.blocks.flatMap(imagesOfBlock)[0] ?? blog.hero;
  const head: PageHead = {
    language: blog.language,
    title: `${postLabel(post) || t(blog.language, "post.update")} | ${blog.title}`,
    description: excerpt(text, 200) || blogDescription(blog),
    publishedTime: publishedTime(post),
    modifiedTime: post.updatedAt,
  };
  // A preview names no canonical URL (so it says noindex) and describes nothing to search
  // engines; it is the post as it will read, nothing more.
  if (!preview) {
    head.canonicalUrl = url;
    head.jsonLd = blogPosting(blog, post, { baseUrl, partOf: true, publisher });
    head.alternates = distributionLinks(blog, baseUrl, { postId: post.id, title: head.title });
    head.siteName = publisher.name;
  }
  if (image) head.image = imageHead(baseUrl, image);
  // Shared, a post shows its own first image, else its card drawn from its words: the blog's
  // hero would make every update of the blog look the same in a feed of shares.
  const ownImage = post.blocks.flatMap(imagesOfBlock)[0];
  if (!preview) {
    head.image = ownImage
      ? imageHead(baseUrl, ownImage)
      : {
          url: absoluteUrl(baseUrl, shareCardPath(blog.slug, post.id)),
          alt: postLabel(post) || blog.title,
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
        };
  }

  const body = html`<header class="masthead"><div class="wrap">
${statusLine(blog)}
<p class="part-of"><a href="${blogPath(blog.slug)}">${blog.title}</a></p>
</div></header>
<main id="main" class="wrap permalink">
${preview && html`<p class="preview-note" role="note">${t(blog.language, `preview.${post.status}`)}</p>`}
${renderPostArticle(blog, post, 1, preview ? undefined : baseUrl, true)}
<p class="back-to-latest"><a href="${blogPath(blog.slug)}">${t(blog.language, "page.backToBlog")}</a></p>
</main>
${sourceFooter(blog)}
${!preview && renderReaderMessages(blog.language)}`;

  return renderDocument({
    head,
    // A preview stays as rendered: live.js would follow the public post, not this one.
    // The alerts button is the live page's: a post's page has none.
    assets: preview
      ? { style: context.assets.style }
      : {
          style: context.assets.style,
          script: context.assets.script,
          blocks: context.assets.blocks,
        },
    data: {
      slug: blog.slug,
      timezone: blog.timezone,
      lang: blog.language,
      page: preview ? "preview" : "post",
      state: blog.status,
    },
    body,
  });
}

function imageHead(baseUrl: string, image: Image): NonNullable<PageHead["image"]> {
  return {
    url: absoluteUrl(baseUrl, image.src),
    alt: image.alt,
    ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
  };
}

function masthead(blog: Blog): SafeHtml {
  return html`<header class="masthead"><div class="wrap">
${statusLine(blog)}
<p class="lite-link"><a href="${litePath(blog.slug)}">${t(blog.language, "page.liteLink")}</a></p>
<h1 id="headline">${blog.title}</h1>
<p id="standfirst" class="standfirst"${!blog.summary && raw(" hidden")}>${blog.summary}</p>
</div></header>`;
}

function statusLine(blog: Blog): SafeHtml {
  return html`<p class="status-line"><span class="live-badge"${blog.status === "closed" && raw(" hidden")}>${t(blog.language, "page.live")}</span></p>`;
}

function sourceFooter(blog: Blog): SafeHtml {
  return html`<footer class="site-footer"><div class="wrap">${
    blog.sourceNote && html`<p class="source-note">${raw(renderInline(blog.sourceNote))}</p>`
  }</div></footer>`;
}

/** The closed notice's words; live.js writes the same sentence when a blog closes live. */
export function closedNotice(blog: Blog): string {
  return blog.closedAt
    ? t(blog.language, "page.closedEnded", { ended: endedAt(blog.closedAt, blog) })
    : t(blog.language, "page.closed");
}

/** A calendar day's label in the blog's language: the day itself, whatever the zone. */
function dayOf(day: string, blog: Blog): string {
  return dayLabel(`${day}T12:00:00Z`, { language: blog.language, timezone: "UTC" });
}

function viewTitle(blog: Blog, view: LiveView, latestPage: boolean): string {
  if (view.day) return `${blog.title}: ${dayOf(view.day, blog)}`;
  const title = view.tag
    ? taggedTitle(blog, view.tag.name)
    : view.keyEvents
      ? t(blog.language, "page.keyEventsTitle", { title: blog.title })
      : blog.title;
  return latestPage ? title : t(blog.language, "page.olderTitle", { title });
}

function blogDescription(blog: Blog): string {
  return blog.summary || excerpt(blocksToPlainText(blog.intro), 200) || blog.title;
}

/** The contribution form's script only where the page has the form. */
function withoutContribute(assets: ReaderAssetUrls, contributing: boolean): ReaderAssetUrls {
  if (contributing || !assets.contribute) return assets;
  const { contribute: _unused, ...rest } = assets;
  return rest;
}
