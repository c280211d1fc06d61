// POST /api/polls/:pollId/votes: a reader's vote, anonymous. The browser is known again by its
// signed `dispatch_voter` cookie (core/operations/poll-voters.ts) and each address may vote only
// so often. A form sent without JavaScript (application/x-www-form-urlencoded) is sent back to
// the post with a 303; a script sends JSON and gets the poll's counts.
//
// No session, no CSRF token: the vote names no one and changes nothing of anyone's (auth.ts
// leaves this route alone). Another site's page can make a browser vote, but without the voter
// cookie (SameSite=Lax), so as a new voter: the address limit bounds that as it bounds a
// reader clearing cookies.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../../../core/errors.js";
import { PollVoters, VOTER_LIFETIME_MS } from "../../../core/operations/poll-voters.js";
import { PollTallies, voteInPoll } from "../../../core/operations/polls.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { AddressLimit } from "./address-limit.js";

export const VOTER_COOKIE = "dispatch_voter";
export const VOTE_ROUTE = "/api/polls/:pollId/votes";

const VoteParams = z.object({ pollId: z.string().regex(/^[a-z0-9-]{1,40}$/, "Unknown poll") });

export interface PollRouteOptions {
  /** Votes one address may cast per minute (default 30). */
  votesPerMinute?: number;
}

export function registerPollRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  options: PollRouteOptions = {},
): void {
  const voters = new PollVoters(newsroom);
  const tallies = new PollTallies(newsroom);
  const limit = new AddressLimit(options.votesPerMinute ?? 30, 60_000);
  app.addHook("onClose", () => tallies.close());

  app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.post(VOTE_ROUTE, async (request, reply) => {
      const { pollId } = parseInput(VoteParams, request.params);
      const fromForm = request.headers["content-type"]?.startsWith(
        "application/x-www-form-urlencoded",
      );
      const wait = limit.take(request.ip, Date.now());
      if (wait > 0) {
        reply.header("Retry-After", String(Math.ceil(wait / 1000)));
        throw new DomainError(
          "too_many_attempts",
          "Too many votes from this address: wait a minute",
        );
      }
      const voter = async () => {
        const known = await voters.recognise(readVoterCookie(request));
        if (known) return known;
        const issued = await voters.issue();
        setVoterCookie(request, reply, issued.cookie);
        return issued.voter;
      };
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        const outcome = await voteInPoll(newsroom, { pollId, answerId: body.answer, voter });
        tallies.counted(pollId);
        if (fromForm) return backToPost(reply, newsroom, outcome.post.blogId, outcome.post.id);
        return {
          postId: outcome.post.id,
          pollId,
          totals: outcome.results.totals,
          total: outcome.results.total,
          closed: outcome.closed,
        };
      } catch (error) {
        // Without a script the page itself says the poll is closed or shows the counts.
        const code = error instanceof DomainError ? error.code : undefined;
        if (fromForm && (code === "already_voted" || code === "poll_closed")) {
          const postId = pollId.split("-", 1)[0] ?? "";
          const post = await newsroom.store.findPostAnywhere(postId);
          if (post) return backToPost(reply, newsroom, post.blogId, post.id);
        }
        throw error;
      }
    });
  });
}

async function backToPost(
  reply: FastifyReply,
  newsroom: Newsroom,
  blogId: string,
  postId: string,
): Promise<FastifyReply> {
  const blog = await newsroom.store.findBlogById(blogId);
  const to = blog ? `/live/${blog.slug}/posts/${postId}` : "/live";
  return reply.status(303).header("Location", to).send();
}

function readVoterCookie(request: FastifyRequest): string | undefined {
  for (const pair of (request.headers.cookie ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq >= 0 && pair.slice(0, eq).trim() === VOTER_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

function setVoterCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  const parts = [
    `${VOTER_COOKIE}=${value}`,
    "Path=/api/polls",
    `Max-Age=${Math.floor(VOTER_LIFETIME_MS / 1000)}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (request.protocol === "https") parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
}
