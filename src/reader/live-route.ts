// GET /live/:slug: a blog's live page (renderLivePage), cached per change and per view: the
// latest updates, older ones by `?before=`, key events only, or one tag's updates. The latest
// view carries the key figures box and, on a blog taking them, readers' comments; a blog with
// ad slots may widen the page's policy for its ad script (ad-scripts.ts).

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../core/errors.js";
import { listComments } from "../core/operations/comments.js";
import { figuresBox } from "../core/operations/figures.js";
import { getCoverage } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import { tagSlug } from "../core/tags.js";
import { type AdScripts, adScriptFor, livePagePolicy } from "./ad-scripts.js";
import { commentsShown } from "./comments-view.js";
import type { CachedPageAnswer } from "./embed-route.js";
import { renderBrokenLinkPage } from "./notice-pages.js";
import { type PageContext, renderLivePage } from "./page.js";
import { type LanguageOf, READER_CSP, sendPage } from "./page-answers.js";

/** Threads drawn under the posts; older ones are read through GET /api/blogs/:slug/comments. */
const COMMENTS_ON_PAGE = 100;

/** The live page's query; the OpenAPI document is built from it too. */
export const LivePageQuery = z.object({
  before: z.string().min(1).max(200).optional().describe("A page of older updates"),
  keyEvents: z.enum(["1", "true"]).optional().describe("Key events only"),
  tag: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Updates with this tag only (its slug, `kyiv`); 404 when no update has it"),
});

export interface LivePageRouteDeps {
  newsroom: Newsroom;
  contextFor: (request: FastifyRequest) => PageContext;
  cachedPage: CachedPageAnswer;
  /** A known blog's language, for the broken-link page. */
  languageOf: LanguageOf;
  /** The comments script's URL, loaded only on a page drawing comments. */
  commentsScript: string;
  /** AD_SCRIPT_ORIGINS and AD_SCRIPT_URL, for live pages with ad slots. */
  adScripts?: AdScripts;
}

export function registerLivePageRoute(app: FastifyInstance, deps: LivePageRouteDeps): void {
  const { newsroom, contextFor, cachedPage, languageOf, commentsScript, adScripts } = deps;
  app.get<{ Params: { slug: string } }>("/live/:slug", async (request, reply) => {
    const context = contextFor(request);
    const query = LivePageQuery.safeParse(request.query);
    if (!query.success) {
      const { slug } = request.params;
      return sendPage(reply, 400, renderBrokenLinkPage(context, slug, await languageOf(slug)));
    }
    const { before } = query.data;
    // A tag's view wins over key events: one filter at a time, as the page's links offer them.
    const tag = query.data.tag === undefined ? undefined : tagSlug(query.data.tag);
    const keyEvents = tag === undefined && query.data.keyEvents !== undefined;
    const kind = tag !== undefined ? `tag|${tag}` : keyEvents ? "keys" : "live";
    return cachedPage(
      request,
      reply,
      context,
      request.params.slug,
      `${kind}|${before ?? ""}`,
      async (blog) => {
        const coverage = await getCoverage(newsroom, blog, {
          ...(before === undefined ? {} : { before }),
          ...(keyEvents ? { keyEvent: true } : {}),
          ...(tag === undefined ? {} : { tag }),
        });
        // Read after the sequence (getCoverage): a figures or tag change in between is re-applied.
        const figures = before === undefined ? await figuresBox(newsroom.store, blog.id) : [];
        const tags = await newsroom.store.listTags(blog.id);
        const named = tag === undefined ? undefined : tags.find((known) => known.slug === tag);
        // Comments sit under the latest updates of the whole blog, not a filtered or older view.
        const withComments =
          commentsShown(blog) && before === undefined && !keyEvents && tag === undefined;
        const comments = withComments
          ? (await listComments(newsroom, blog, { limit: COMMENTS_ON_PAGE })).comments
          : undefined;
        if (tag !== undefined && !named) {
          throw new DomainError("post_not_found", "No updates have that tag");
        }
        const adScript = adScriptFor(blog, adScripts);
        return renderLivePage({
          blog,
          coverage,
          figures,
          tags,
          ...context,
          ...(comments
            ? {
                comments,
                assets: { ...context.assets, comments: commentsScript },
              }
            : {}),
          ...(before === undefined ? {} : { before }),
          ...(keyEvents ? { view: { keyEvents } } : {}),
          ...(named ? { view: { tag: { slug: named.slug, name: named.tag } } } : {}),
          ...(adScript ? { adScript } : {}),
        });
      },
      (blog) => livePagePolicy(READER_CSP, blog, adScripts),
    );
  });
}
