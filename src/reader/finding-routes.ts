// Reader routes for finding things in long coverage: the search page and each day's archive
// (`/live/:slug/2022-01-07`, the day in the blog's zone, cached per change like the live
// page). Kept apart from routes.ts, which lends its page helpers (friendly error pages, the
// cached-page answer).

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../core/errors.js";
import { getBlog, getCoverage } from "../core/operations/read.js";
import { ReaderSearchQuery, searchCoverage } from "../core/operations/reader-search.js";
import type { Newsroom } from "../core/ports.js";
import { cacheTagHeaders } from "../http/headers.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { type PageContext, renderLivePage } from "./page.js";
import { renderSearchPage } from "./search-page.js";
import { dayBounds } from "./views.js";

export interface FindingRouteHelpers {
  newsroom: Newsroom;
  cachedPage: CachedPageAnswer;
  contextFor: (request: FastifyRequest) => PageContext;
  /** Runs `render`; a missing blog or post, or a broken link, becomes a friendly page (null). */
  friendly: <T>(
    reply: FastifyReply,
    context: PageContext,
    slug: string,
    render: () => Promise<T>,
  ) => Promise<T | null>;
  /** Answers 200 with a page made for this request, compressed in the coding it takes. */
  sendFreshPage: (reply: FastifyReply, page: string) => Promise<FastifyReply>;
}

export function registerFindingRoutes(app: FastifyInstance, helpers: FindingRouteHelpers): void {
  const { newsroom, contextFor, cachedPage, friendly, sendFreshPage } = helpers;

  // Answered fresh each time (one page per query would crowd the page cache), from the index,
  // which holds only what readers may see now.
  app.get<{ Params: { slug: string } }>("/live/:slug/search", async (request, reply) => {
    const context = contextFor(request);
    const { slug } = request.params;
    const page = await friendly(reply, context, slug, async () => {
      const query = ReaderSearchQuery.safeParse(request.query);
      if (!query.success) throw new DomainError("validation_failed", "Not a search we know");
      const blog = await getBlog(newsroom, slug);
      const result = await searchCoverage(newsroom, blog, query.data);
      reply.headers(cacheTagHeaders(blog.id));
      return renderSearchPage(blog, query.data.q, result, context);
    });
    return page === null ? reply : sendFreshPage(reply, page);
  });

  // A day's archive: every post of that day in the blog's zone, newest first, paged like the
  // live page. Static paths (amp, embed, search, feeds) win over this one in the router.
  app.get<{ Params: { slug: string; day: string } }>("/live/:slug/:day", async (request, reply) => {
    const context = contextFor(request);
    const { slug, day } = request.params;
    const query = DayPageQuery.safeParse(request.query);
    const before = query.success ? query.data.before : undefined;
    return cachedPage(request, reply, context, slug, `day|${day}|${before ?? ""}`, async (blog) => {
      const published = dayBounds(day, blog.timezone);
      if (!published || !query.success) throw noSuchDay(day);
      const coverage = await getCoverage(newsroom, blog, {
        published,
        ...(before === undefined ? {} : { before }),
      });
      if (coverage.posts.length === 0) throw noSuchDay(day);
      return renderLivePage({
        blog,
        coverage,
        ...context,
        ...(before === undefined ? {} : { before }),
        view: { day },
      });
    });
  });
}

export const DayPageQuery = z.object({ before: z.string().min(1).max(200).optional() });

/** A day without posts, or no day at all, is a page that does not exist. */
function noSuchDay(day: string): DomainError {
  return new DomainError("post_not_found", `No updates on ${day.slice(0, 10)}`);
}
