// The reader's HTTP routes: the live blog page, post permalinks, the blog list and the two
// assets. Pages are public and cacheable for a few seconds (live.js carries readers forward
// from the page's sequence), and they answer failures with HTML pages, not the API's JSON.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { Slug } from "../core/blog.js";
import { DomainError } from "../core/errors.js";
import { getBlog, getCoverage, getPost } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import { loadReaderAssets, sendAsset } from "./assets.js";
import { renderBlogIndex, renderErrorPage } from "./notice-pages.js";
import { type PageContext, renderLivePage, renderPostPage } from "./page.js";
import { blogPath } from "./urls.js";

export interface ReaderDeps {
  newsroom: Newsroom;
  /** Absolute base for canonical links, Open Graph and JSON-LD; else the request's origin. */
  publicUrl?: string;
}

const FRAME_SOURCES = [
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  "https://platform.twitter.com",
  "https://www.openstreetmap.org",
];

export const READER_CSP = [
  "default-src 'self'",
  "img-src 'self' https: data:",
  `frame-src ${FRAME_SOURCES.join(" ")}`,
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

const PAGE_CACHE = "public, max-age=5, stale-while-revalidate=30";

const LivePageQuery = z.object({ before: z.string().min(1).max(200).optional() });
const PostId = z.string().regex(/^[0-9a-z]{1,64}$/);

export async function registerReaderRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { newsroom } = deps;
  const assets = await loadReaderAssets();
  const publicUrl = deps.publicUrl?.replace(/\/+$/, "");
  const contextFor = (request: FastifyRequest): PageContext => ({
    baseUrl: publicUrl ?? requestOrigin(request),
    assets: { style: assets.style.url, script: assets.script.url },
  });

  app.get(assets.script.path, (request, reply) => sendAsset(request, reply, assets.script));
  app.get(assets.style.path, (request, reply) => sendAsset(request, reply, assets.style));

  app.get("/live", async (request, reply) => {
    const blogs = await newsroom.store.listBlogs();
    return sendPage(reply, 200, renderBlogIndex(blogs, contextFor(request)));
  });

  app.get<{ Params: { slug: string } }>("/live/:slug", async (request, reply) => {
    const context = contextFor(request);
    const query = LivePageQuery.safeParse(request.query);
    if (!query.success) return sendBrokenLink(reply, context, request.params.slug);
    return withFriendlyErrors(reply, context, request.params.slug, async () => {
      const blog = await getBlog(newsroom, checkedSlug(request.params.slug));
      const { before } = query.data;
      const coverage = await getCoverage(newsroom, blog, before === undefined ? {} : { before });
      return renderLivePage({
        blog,
        coverage,
        ...context,
        ...(before === undefined ? {} : { before }),
      });
    });
  });

  app.get<{ Params: { slug: string; id: string } }>(
    "/live/:slug/posts/:id",
    async (request, reply) => {
      const context = contextFor(request);
      const { slug, id } = request.params;
      return withFriendlyErrors(reply, context, slug, async () => {
        const blog = await getBlog(newsroom, checkedSlug(slug));
        if (!PostId.safeParse(id).success) {
          throw new DomainError("post_not_found", `No post ${id} in this blog`);
        }
        return renderPostPage(blog, await getPost(newsroom, blog, id, true), context);
      });
    },
  );
}

/** A slug that cannot exist is answered like one that does not, without asking the store. */
function checkedSlug(slug: string): string {
  if (!Slug.safeParse(slug).success) {
    throw new DomainError("blog_not_found", `No blog with the slug "${slug}"`);
  }
  return slug;
}

async function withFriendlyErrors(
  reply: FastifyReply,
  context: PageContext,
  slug: string,
  render: () => Promise<string>,
): Promise<FastifyReply> {
  try {
    return sendPage(reply, 200, await render());
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    switch (error.code) {
      case "blog_not_found":
        return sendPage(
          reply,
          404,
          renderErrorPage(context, {
            title: "We can’t find that live blog",
            message: "The link may be mistyped, or the coverage may have been taken down.",
            link: { href: "/live", label: "See all live coverage" },
          }),
        );
      case "post_not_found":
        return sendPage(
          reply,
          404,
          renderErrorPage(context, {
            title: "We can’t find that update",
            message: "It may have been removed, or the link may be mistyped.",
            link: { href: blogPath(slug), label: "Go to the live blog" },
          }),
        );
      case "validation_failed":
        return sendBrokenLink(reply, context, slug);
      default:
        throw error;
    }
  }
}

function sendBrokenLink(reply: FastifyReply, context: PageContext, slug: string) {
  return sendPage(
    reply,
    400,
    renderErrorPage(context, {
      title: "That page link is broken",
      message: "The link to older updates is not one we recognise.",
      link: { href: blogPath(slug), label: "Go to the latest updates" },
    }),
  );
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .status(status)
    .header("Content-Type", "text/html; charset=utf-8")
    .header("Content-Security-Policy", READER_CSP)
    .header("Cache-Control", status === 200 ? PAGE_CACHE : "no-store")
    .send(page);
}

/** The origin the request came in on. The Host header is the client's to choose, so only a
 * plain host[:port] is used; anything else falls back rather than landing in canonical links. */
function requestOrigin(request: FastifyRequest): string {
  const host = request.host;
  const safeHost = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)
    ? host
    : "localhost";
  return `${request.protocol}://${safeHost}`;
}
