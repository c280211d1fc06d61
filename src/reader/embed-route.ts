// GET /live/:slug/embed (the iframe embed) and its assets: /assets/embed-frame.js,
// /assets/embed.css and the host page's /embed.js. The embed page is cached like the reader
// page (per options, rendered once per change, ETag/304) and may be framed by any origin:
// its policy says `frame-ancestors *` and is otherwise as strict as the reader pages' (the
// options' custom properties are allowed by the hash of their one <style> block).

import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Blog } from "../core/blog.js";
import { DomainError } from "../core/errors.js";
import { hostPageOf } from "../core/numbers.js";
import { figuresBox } from "../core/operations/figures.js";
import { getPost, listPosts } from "../core/operations/read.js";
import type { Newsroom } from "../core/ports.js";
import type { Post } from "../core/post.js";
import { type ReaderAssets, sendAsset } from "./assets.js";
import { type EmbedOptions, embedKey, isPostId, parseEmbedOptions } from "./embed-options.js";
import { embedStyle, renderEmbedPage } from "./embed-page.js";
import type { PageContext } from "./page.js";
import { READER_CSP } from "./page-answers.js";

/** Answers a blog's page from the page cache (rendering it when the blog moved on). */
export type CachedPageAnswer = (
  request: FastifyRequest,
  reply: FastifyReply,
  context: PageContext,
  slug: string,
  key: string,
  render: (blog: Blog) => Promise<string>,
  /** The page's Content-Security-Policy, when not the reader pages' own (or the blog's). */
  csp?: string | ((blog: Blog) => string),
) => Promise<FastifyReply>;

export interface EmbedRouteDeps {
  newsroom: Newsroom;
  assets: ReaderAssets;
  cachedPage: CachedPageAnswer;
  /** PUBLIC_URL, or the request's origin. */
  baseUrlFor: (request: FastifyRequest) => string;
  /** Counts an embed load by host page for the desk's numbers (src/numbers/). */
  countLoad?: (slug: string, host: string) => Promise<void>;
}

/** The embed page's policy: the reader's, framable from anywhere, plus its options' style. */
export function embedPolicy(options: EmbedOptions): string {
  const style = embedStyle(options);
  const hash = style ? ` 'sha256-${createHash("sha256").update(style).digest("base64")}'` : "";
  const directives = READER_CSP.split("; ").map((directive) =>
    directive === "style-src 'self'" ? `style-src 'self'${hash}` : directive,
  );
  return [...directives, "frame-ancestors *"].join("; ");
}

export function registerEmbedRoutes(app: FastifyInstance, deps: EmbedRouteDeps): void {
  const { newsroom, assets, cachedPage } = deps;
  app.get(assets.embedScript.path, (request, reply) =>
    sendAsset(request, reply, assets.embedScript),
  );
  app.get(assets.embedStyle.path, (request, reply) => sendAsset(request, reply, assets.embedStyle));
  app.get(assets.hostScript.path, (request, reply) => sendAsset(request, reply, assets.hostScript));

  app.get<{ Params: { slug: string } }>("/live/:slug/embed", async (request, reply) => {
    const options = parseEmbedOptions((request.query ?? {}) as Record<string, unknown>);
    const baseUrl = deps.baseUrlFor(request);
    const context = {
      baseUrl,
      assets: {
        style: assets.embedStyle.url,
        script: assets.embedScript.url,
        contribute: assets.contributeScript.url,
      },
    };
    return cachedPage(
      request,
      reply,
      context,
      request.params.slug,
      `embed|${embedKey(options)}`,
      async (blog) => {
        // The sequence first: a change landing while the posts are read is then replayed
        // to the page (and applied by id), never missed.
        const seq = await newsroom.store.lastSeq(blog.id);
        let posts: Post[];
        let pinned: Post | undefined;
        let next: string | undefined;
        if (options.post !== undefined) {
          if (!isPostId(options.post)) {
            throw new DomainError("post_not_found", `No post ${options.post} in this blog`);
          }
          posts = [await getPost(newsroom, blog, options.post, true)];
        } else {
          const page = await listPosts(newsroom, blog, {
            limit: options.limit,
            ...(options.before !== undefined ? { before: options.before } : {}),
            ...(options.keyEvents ? { keyEvent: true } : {}),
          });
          posts = page.posts;
          next = page.next;
          if (!options.keyEvents && options.before === undefined) {
            const found = await newsroom.store.listPosts({
              blogId: blog.id,
              status: "published",
              pinned: true,
              limit: 1,
            });
            pinned = found[0];
          }
        }
        const full = options.post === undefined && !options.keyEvents;
        const figures =
          full && options.before === undefined ? await figuresBox(newsroom.store, blog.id) : [];
        return renderEmbedPage({
          blog,
          posts,
          figures,
          ...(pinned ? { pinned } : {}),
          ...(next ? { next } : {}),
          seq,
          options,
          baseUrl,
          assets: context.assets,
        });
      },
      embedPolicy(options),
    ).then(async (answered) => {
      // One embed load for the desk, by the host page's name alone (the frame's Referer is
      // the page that framed it; never its path or query). A 304 still loaded the embed.
      if (request.method === "GET" && reply.statusCode < 400) {
        await deps.countLoad?.(request.params.slug, hostPageOf(request.headers.referer));
      }
      return answered;
    });
  });
}
