// GET /api/blogs/:slug/changes?since=SEQ: the polling fallback for clients that cannot hold an
// event stream. Answers exactly the changes after `since`, in order, as the stream would carry
// them; each URL is the same for every reader, so a CDN can cache it for a couple of seconds.
// A `since` more than REPLAY_LIMIT changes back is answered with a reset instead: the client
// reads the blog's posts afresh and polls on from `last`.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { REPLAY_LIMIT, type ReplayReset } from "../../../core/change.js";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { cacheTagHeaders } from "../../headers.js";
import { presentChange } from "../../presenters/events.js";
import { SlugParams } from "../../schemas.js";

const ChangesQuery = z
  .object({
    since: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();

export function registerChangeRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/blogs/:slug/changes", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const { since, limit } = parseInput(ChangesQuery, request.query);
    const blog = await getBlog(newsroom, slug);
    // The sequence before the list: a change committed in between is then in the list (or in
    // the next poll), never skipped by a `last` that already counts it.
    const lastSeq = await newsroom.store.lastSeq(blog.id);
    if (lastSeq - since > REPLAY_LIMIT) {
      const reset: ReplayReset = { reason: "too far behind", last: lastSeq };
      return reply
        .header("Cache-Control", "public, max-age=2, stale-while-revalidate=10")
        .headers(cacheTagHeaders(blog.id))
        .send({ changes: [], last: lastSeq, more: false, reset });
    }
    const changes = await newsroom.store.listChanges(blog.id, since, limit);
    const last = changes.length ? changes[changes.length - 1]!.seq : Math.max(since, lastSeq);
    const etag = `W/"${blog.id}-${since}-${last}-${changes.length}"`;
    reply
      .header("ETag", etag)
      .header("Cache-Control", "public, max-age=2, stale-while-revalidate=10")
      .headers(cacheTagHeaders(blog.id))
      .header(
        "Last-Modified",
        new Date(changes[changes.length - 1]?.at ?? blog.updatedAt).toUTCString(),
      );
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    const body = changes.map((change) => {
      const { event, data } = presentChange(change);
      return `{"seq":${change.seq},"event":"${event}","data":${data}}`;
    });
    // More may follow when a page came back full: ask again with since=last.
    const more = changes.length === limit;
    return reply
      .type("application/json; charset=utf-8")
      .send(`{"changes":[${body.join(",")}],"last":${last},"more":${more}}`);
  });
}
