// The reader's HTTP routes, registered in one place: the blog list here, the other pages from
// their own modules (live page, permalink, embed, lite, AMP, history, figures, finding, search
// engines, preview), the assets, and the fast lane (fast-lane.ts) answering cached live pages
// before Fastify. Pages are public and cacheable for a few seconds, rendered once per change
// (page-cache.ts), answered with 304 when the reader or CDN has them (cached-answer.ts);
// failures are friendly HTML pages, not the API's JSON (page-answers.ts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Blog, Slug } from "../core/blog.js";
import { DomainError } from "../core/errors.js";
import type { Newsroom } from "../core/ports.js";
import type { AccessLog } from "../http/access-log.js";
import { requestOrigin } from "../http/request-origin.js";
import type { NumbersTally } from "../http/routes/numbers/handlers.js";
import type { AdScripts } from "./ad-scripts.js";
import { registerAmpRoute } from "./amp-route.js";
import { loadReaderAssets, registerAssetRoutes } from "./assets.js";
import { sendCachedPage } from "./cached-answer.js";
import { type CachedPageAnswer, registerEmbedRoutes } from "./embed-route.js";
import { createFastLane, type ReaderFastLane } from "./fast-lane.js";
import { registerFiguresRoute } from "./figures-route.js";
import { registerFindingRoutes } from "./finding-routes.js";
import { registerHistoryRoute } from "./history-route.js";
import type { Publisher } from "./jsonld.js";
import { registerLiteRoute } from "./lite-route.js";
import { registerLivePageRoute } from "./live-route.js";
import { renderBlogIndex } from "./notice-pages.js";
import type { PageContext } from "./page.js";
import {
  checkedSlug,
  type LanguageOf,
  ORIGIN_VARY,
  PLAIN_VARY,
  READER_CSP,
  sendFreshPage,
  withFriendlyErrors,
} from "./page-answers.js";
import { type CachedPage, PageCache } from "./page-cache.js";
import { registerPermalinkRoute } from "./permalink-route.js";
import { registerPreviewRoute } from "./preview.js";
import { registerSearchEngineRoutes } from "./search-routes.js";
import { registerShareCardRoute } from "./share-card-route.js";

export interface ReaderDeps {
  newsroom: Newsroom;
  /** Absolute base for canonical links, Open Graph and JSON-LD; else the request's origin. */
  publicUrl?: string;
  /** The access log for pages answered before Fastify; unset when `info` is off. */
  accessLog?: AccessLog;
  /** The newsroom as search engines name it (PUBLISHER_NAME, PUBLISHER_LOGO). */
  publisher?: Publisher;
  /** AD_SCRIPT_ORIGINS and AD_SCRIPT_URL, for live pages with ad slots (ad-scripts.ts). */
  adScripts?: AdScripts;
  /** Where permalink opens and embed loads are counted for the desk (src/numbers/). */
  numbers?: Pick<NumbersTally, "countOpen" | "countEmbed">;
}

export async function registerReaderRoutes(
  app: FastifyInstance,
  deps: ReaderDeps,
): Promise<ReaderFastLane> {
  const { newsroom } = deps;
  const assets = await loadReaderAssets();
  const publicUrl = deps.publicUrl?.replace(/\/+$/, "");
  // Without PUBLIC_URL a page's links follow the origin a proxy names: a cache must keep one
  // copy per origin, or a client could fetch a page whose links point elsewhere.
  const vary = publicUrl === undefined ? ORIGIN_VARY : PLAIN_VARY;
  const contextFor = (request: FastifyRequest): PageContext => ({
    baseUrl: publicUrl ?? requestOrigin(request),
    assets: {
      style: assets.style.url,
      script: assets.script.url,
      blocks: assets.blocksScript.url,
      alerts: assets.alertsScript.url,
      contribute: assets.contributeScript.url,
    },
    ...(deps.publisher ? { publisher: deps.publisher } : {}),
  });

  const cache = new PageCache(newsroom, {
    // Pages name the script and stylesheet they load: a deploy that changes either changes
    // every page's ETag.
    version: `${assets.script.url} ${assets.style.url} ${assets.embedScript.url} ${assets.embedStyle.url} ${assets.blocksScript.url} ${assets.alertsScript.url} ${assets.contributeScript.url} ${assets.commentsScript.url}`,
  });
  app.addHook("onClose", async () => cache.close());
  /** A known blog's language, for its error pages; English for a slug that names no blog. */
  const languageOf: LanguageOf = async (slug) => {
    if (!Slug.safeParse(slug).success) return "en";
    const state = await cache.blog(slug).catch(() => null);
    return state?.blog.language ?? "en";
  };
  const friendly = <T>(
    reply: FastifyReply,
    context: PageContext,
    slug: string,
    render: () => Promise<T>,
  ) => withFriendlyErrors(reply, context, slug, languageOf, render);
  /**
   * The id of a blog whose page was just answered (the cache knows it), for counting. The
   * answer has gone out: a failure here only goes uncounted, never reaches the reader.
   */
  const countableBlog = (slug: string) =>
    cache.blog(slug).then(
      (state) => state?.blog.id,
      () => undefined,
    );

  // Each cached page's policy, decided from the blog it was rendered from (a live page with ad
  // slots may widen it): the fast lane sends a page only under the policy recorded here.
  const policies = new WeakMap<CachedPage, string>();
  /** A page of a blog, from the cache while the blog's sequence stands still. */
  const cachedPage: CachedPageAnswer = async (
    request,
    reply,
    context,
    slug,
    key,
    render,
    csp = READER_CSP,
  ) =>
    friendly(reply, context, slug, async () => {
      const state = await cache.blog(checkedSlug(slug));
      if (!state) throw new DomainError("blog_not_found", `No blog with the slug "${slug}"`);
      const policyOf = (blog: Blog) => (typeof csp === "function" ? csp(blog) : csp);
      let policy: string | undefined;
      const page = await cache.page(`${key}|${context.baseUrl}`, state, () => {
        policy = policyOf(state.blog);
        return render(state.blog);
      });
      if (policy !== undefined) policies.set(page, policy);
      else if (!policies.has(page)) policies.set(page, policyOf(state.blog));
      return page;
    }).then((page) =>
      page === null ? reply : sendCachedPage(request, reply, page, vary, policies.get(page)),
    );

  registerAssetRoutes(app, assets);
  registerEmbedRoutes(app, {
    newsroom,
    countLoad: async (slug, host) => {
      const blogId = await countableBlog(slug);
      if (blogId) deps.numbers?.countEmbed(blogId, host);
    },
    assets,
    cachedPage,
    baseUrlFor: (request) => publicUrl ?? requestOrigin(request),
  });

  registerLiteRoute(app, newsroom, contextFor, cachedPage);

  const sendFresh = (reply: FastifyReply, page: string) => sendFreshPage(reply, page, vary);

  app.get("/live", async (request, reply) => {
    const blogs = await newsroom.store.listBlogs();
    return sendFresh(reply, renderBlogIndex(blogs, contextFor(request)));
  });

  registerLivePageRoute(app, {
    newsroom,
    contextFor,
    cachedPage,
    languageOf,
    commentsScript: assets.commentsScript.url,
    ...(deps.adScripts ? { adScripts: deps.adScripts } : {}),
  });

  registerPermalinkRoute(app, {
    newsroom,
    contextFor,
    cachedPage,
    countOpen: async (slug, id) => {
      const blogId = await countableBlog(slug);
      if (blogId) deps.numbers?.countOpen(blogId, id);
    },
  });
  registerHistoryRoute(app, newsroom, contextFor, cachedPage);
  registerFiguresRoute(app, newsroom, contextFor, cachedPage);
  registerShareCardRoute(app, newsroom);
  registerAmpRoute(app, newsroom, contextFor, cachedPage);
  registerSearchEngineRoutes(app, newsroom, contextFor, {
    vary,
    ...(deps.publisher ? { publisher: deps.publisher } : {}),
  });
  registerPreviewRoute(app, newsroom, contextFor, READER_CSP);
  registerFindingRoutes(app, {
    newsroom,
    contextFor,
    cachedPage,
    friendly,
    sendFreshPage: sendFresh,
  });
  return createFastLane(app, {
    cache,
    policyOf: (page) => policies.get(page),
    publicUrl,
    vary,
    accessLog: deps.accessLog,
  });
}
