// The desk's numbers over HTTP: GET /api/blogs/:slug/numbers for editors and admins, and
// POST /api/blogs/:slug/posts/:id/shares, which a reader's browser sends (navigator.sendBeacon)
// when one of a post's share controls is used. The share names only the post and the network:
// no cookie is read or set (auth.ts leaves the route alone), the address is used only to limit
// how often it may count, in memory, and never kept.

import type { FastifyInstance } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { readDeskNumbers } from "../../../core/operations/numbers.js";
import { getBlog, getPost } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { PostParams, SlugParams } from "../../schemas.js";
import type { ReaderCount } from "../desk/handlers.js";
import { AddressLimit } from "../polls/address-limit.js";
import { NumbersQuery, ShareInput } from "./schema.js";

export const SHARE_ROUTE = "/api/blogs/:slug/posts/:id/shares";

/** What the reader-facing routes count with (numbers/counter.ts). */
export interface NumbersTally {
  countOpen(blogId: string, postId: string): void;
  countShare(blogId: string, postId: string): void;
  countEmbed(blogId: string, host: string): void;
}

export interface NumbersRouteOptions {
  tally: NumbersTally;
  /** The blog's live readers now, across nodes (as GET …/readers answers). */
  readers: (blogId: string) => Promise<ReaderCount>;
  /** Shares one address may count per minute (default 30). */
  sharesPerMinute?: number;
}

export function registerNumbersRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  options: NumbersRouteOptions,
): void {
  const limit = new AddressLimit(options.sharesPerMinute ?? 30, 60_000);

  app.get("/api/blogs/:slug/numbers", async (request, reply) => {
    const actor = requireActor(request);
    const { slug } = parseInput(SlugParams, request.params);
    const { hours } = parseInput(NumbersQuery, request.query ?? {});
    const { blogId, ...numbers } = await readDeskNumbers(newsroom, actor, slug, hours);
    const now = await options.readers(blogId);
    return reply.header("Cache-Control", "private, no-cache").send({
      hours,
      readersNow: now.readers,
      ...(now.partial ? { partial: true } : {}),
      ...numbers,
    });
  });

  app.register(async (scope) => {
    // sendBeacon posts a URLSearchParams body as a form: no preflight, nothing but the network.
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 256 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post(SHARE_ROUTE, async (request, reply) => {
      const { slug, id } = parseInput(PostParams, request.params);
      const wait = limit.take(request.ip, Date.now());
      if (wait > 0) {
        reply.header("Retry-After", String(Math.ceil(wait / 1000)));
        throw new DomainError(
          "too_many_attempts",
          "Too many shares from this address: wait a minute",
        );
      }
      parseInput(ShareInput, request.body ?? {});
      const blog = await getBlog(newsroom, slug);
      // Only a published post's shares count: its permalink is what was shared.
      const post = await getPost(newsroom, blog, id, true);
      options.tally.countShare(blog.id, post.id);
      return reply.status(204).header("Cache-Control", "no-store").send();
    });
  });
}
