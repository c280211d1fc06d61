// GET /api/blogs/:slug/search: the readers' full-text search as JSON, public: published posts
// best match first, each with its snippet (plain, its matches' offsets, and as escaped HTML
// with <mark>). Versioned by the blog's change sequence, like the public post list, so a
// deleted or corrected word is never answered from a cache that knew it.

import type { FastifyInstance } from "fastify";
import { getBlog } from "../../../core/operations/read.js";
import { searchCoverage } from "../../../core/operations/reader-search.js";
import type { Newsroom } from "../../../core/ports.js";
import { snippetHtml } from "../../../core/reader-search.js";
import { parseInput } from "../../../core/validation.js";
import { cacheTagHeaders } from "../../headers.js";
import { presentPost } from "../../presenters/posts.js";
import { SlugParams } from "../../schemas.js";

export function registerReaderSearchRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs/:slug/search", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const seq = await newsroom.store.lastSeq(blog.id);
    const result = await searchCoverage(newsroom, blog, request.query);
    // One version per blog sequence: an ETag names one URL's answer, query included.
    const etag = `W/"${blog.id}-${seq}-search"`;
    reply
      .header("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
      .header("ETag", etag)
      .headers(cacheTagHeaders(blog.id));
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    return {
      words: result.words,
      results: result.hits.map(({ post, snippet }) => ({
        post: presentPost(post),
        snippet: { text: snippet.text, marks: snippet.marks },
        snippetHtml: snippetHtml(snippet),
      })),
      ...(result.next ? { next: result.next } : {}),
    };
  });
}
