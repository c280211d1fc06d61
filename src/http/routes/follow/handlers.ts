// /api/blogs/:slug/follow: a blog following another Dispatch blog (editors and admins). PUT
// sets the source (checked by reading its Blog JSON through the guarded fetcher), DELETE stops
// following (the posts that came stay), GET says how the follow stands. The stream itself is
// held by the follower in `dispatch serve` (src/syndication).

import type { FastifyInstance } from "fastify";
import { followBlog, followStatus, unfollowBlog } from "../../../core/operations/follow.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { GuardedFetcher } from "../../../outbound/guarded-fetch.js";
import { sourceProbe } from "../../../syndication/source.js";
import { requireActor } from "../../auth.js";
import { SlugParams } from "../../schemas.js";
import { presentFollowStatus } from "./schema.js";

export function registerFollowRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  options: { fetcher: GuardedFetcher; publicUrl?: string },
): void {
  const probe = sourceProbe(options.fetcher);
  const publicHost = options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : undefined;

  app.get("/api/blogs/:slug/follow", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const status = await followStatus(newsroom, requireActor(request), slug);
    reply.header("Cache-Control", "private, no-cache");
    return presentFollowStatus(status);
  });

  app.put("/api/blogs/:slug/follow", async (request) => {
    const { slug } = parseInput(SlugParams, request.params);
    const ownHosts = [request.host.toLowerCase(), ...(publicHost ? [publicHost] : [])];
    const status = await followBlog(newsroom, requireActor(request), slug, request.body, {
      probe,
      ownHosts,
    });
    return presentFollowStatus(status);
  });

  app.delete("/api/blogs/:slug/follow", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    await unfollowBlog(newsroom, requireActor(request), slug);
    return reply.status(204).send();
  });
}
