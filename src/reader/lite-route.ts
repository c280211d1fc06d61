// GET /live/:slug/lite: the text-only page for the worst networks (lite-page.ts), cached per
// change like the reader page (rendered once per change sequence, compressed once, ETag/304),
// under its own policy that loads nothing at all. Older updates by `?before=` as on the full
// page; the key figures box on the latest.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../core/errors.js";
import { figuresBox } from "../core/operations/figures.js";
import { getCoverage } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { LITE_CSP, renderLitePage } from "./lite-page.js";
import type { PageContext } from "./page.js";

const LiteQuery = z.object({ before: z.string().min(1).max(200).optional() });

export function registerLiteRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  contextFor: (request: FastifyRequest) => PageContext,
  cachedPage: CachedPageAnswer,
): void {
  app.get<{ Params: { slug: string } }>("/live/:slug/lite", async (request, reply) => {
    const context = contextFor(request);
    const query = LiteQuery.safeParse(request.query);
    const before = query.success ? query.data.before : undefined;
    return cachedPage(
      request,
      reply,
      context,
      request.params.slug,
      `lite|${before ?? ""}`,
      async (blog) => {
        // A malformed query or cursor is the same friendly "broken link" page as the reader's.
        if (!query.success) throw new DomainError("validation_failed", "Not a page of updates");
        const coverage = await getCoverage(newsroom, blog, before === undefined ? {} : { before });
        const figures = before === undefined ? await figuresBox(newsroom.store, blog.id) : [];
        return renderLitePage({
          blog,
          coverage,
          figures,
          baseUrl: context.baseUrl,
          ...(before === undefined ? {} : { before }),
        });
      },
      LITE_CSP,
    );
  });
}
