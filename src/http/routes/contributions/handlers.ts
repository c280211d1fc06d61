// /api/blogs/:slug/contributions: readers send a question or what they are seeing (anonymous,
// after solving a proof-of-work challenge, so many per address per hour); the desk reads the
// queue and answers, rejects, blocks a sender or erases personal data
// (core/operations/contributions.ts).
//
// No session, no CSRF token on the reader's two routes: a contribution names no newsroom user
// and changes nothing of anyone's (auth.ts leaves them alone). Another site's page could send
// one, but it must solve a fresh challenge each time like anyone else, within the same limit.

import { rm } from "node:fs/promises";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { takesContributions } from "../../../core/contributions.js";
import { DomainError } from "../../../core/errors.js";
import { ContributionChallenges } from "../../../core/operations/contribution-challenge.js";
import {
  answerContribution,
  blockContributionSender,
  ContributionSenders,
  eraseContributorData,
  listContributions,
  rejectContribution,
  submitContribution,
} from "../../../core/operations/contributions.js";
import { getBlog } from "../../../core/operations/read.js";
import type { MediaStore, Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { ImageUploads } from "../../../media/uploads.js";
import { requireActor } from "../../auth.js";
import { presentContribution } from "../../presenters/contributions.js";
import { SlugParams } from "../../schemas.js";
import { AddressLimit } from "../polls/address-limit.js";
import {
  checkPhotoEnvelope,
  discardPhoto,
  keepPhoto,
  receiveContribution,
  registerPhotoRoute,
} from "./photo.js";
import { AnswerInput, ContributionListQuery, ContributionParams } from "./schema.js";

export const CONTRIBUTION_ROUTE = "/api/blogs/:slug/contributions";
export const CHALLENGE_ROUTE = "/api/blogs/:slug/contributions/challenge";

export interface ContributionRouteOptions {
  /** Contributions one address may send per hour (default 10). */
  perHour?: number;
  /** The challenge's difficulty in leading zero bits (default 16). */
  difficulty?: number;
}

/** Where readers' photos are processed and kept: the app's one upload queue and media store. */
export interface ContributionPhotoDeps {
  media: MediaStore;
  uploads: ImageUploads;
  tmpDir: string;
}

export function registerContributionRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  photos: ContributionPhotoDeps,
  options: ContributionRouteOptions = {},
): void {
  const challenges = new ContributionChallenges(newsroom, options.difficulty);
  const senders = new ContributionSenders(newsroom);
  const limit = new AddressLimit(options.perHour ?? 10, 60 * 60 * 1000);

  app.get(CHALLENGE_ROUTE, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    if (!takesContributions(blog)) {
      throw new DomainError("contributions_closed", "This blog is not taking contributions");
    }
    // Each answer is a new challenge: never cached, never shared.
    reply.header("Cache-Control", "no-store");
    return challenges.issue(blog.id);
  });

  // The reader's send takes JSON, or multipart when a photo is attached: multipart is
  // registered in this route's own scope, so its allowance applies here alone.
  app.register(async (scope) => {
    await scope.register(multipart);
    scope.post(CONTRIBUTION_ROUTE, async (request, reply) => {
      const { slug } = parseInput(SlugParams, request.params);
      const wait = limit.take(request.ip, Date.now());
      if (wait > 0) {
        throw new DomainError(
          "too_many_attempts",
          "Too many contributions from this address: try again later",
          { details: { retryAfter: Math.ceil(wait / 1000) } },
        );
      }
      const submit = (input: unknown, photo?: Parameters<typeof submitContribution>[1]["photo"]) =>
        submitContribution(newsroom, {
          slug,
          input,
          address: request.ip,
          challenges,
          senders,
          ...(photo ? { photo } : {}),
        });
      const contribution = request.isMultipart()
        ? await submitWithPhoto(request, photos, submit)
        : await submit(request.body);
      // The reader is told it arrived, and nothing more: not their data, not the queue.
      return reply.status(201).send({ id: contribution.id, receivedAt: contribution.receivedAt });
    });
  });

  registerPhotoRoute(app, newsroom, photos.media, `${CONTRIBUTION_ROUTE}/:id/photo`);

  app.get(CONTRIBUTION_ROUTE, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const query = parseInput(ContributionListQuery, request.query);
    const limitTo = query.limit ?? 50;
    const found = await listContributions(newsroom, requireActor(request), slug, {
      ...query,
      limit: limitTo + 1,
    });
    const page = found.slice(0, limitTo);
    const last = page.at(-1);
    reply.header("Cache-Control", "private, no-store");
    return {
      contributions: page.map(presentContribution),
      ...(found.length > limitTo && last ? { next: last.id } : {}),
    };
  });

  app.post(`${CONTRIBUTION_ROUTE}/:id/answer`, async (request) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    const { postId } = parseInput(AnswerInput, request.body);
    return presentContribution(
      await answerContribution(newsroom, requireActor(request), slug, id, postId),
    );
  });

  app.post(`${CONTRIBUTION_ROUTE}/:id/reject`, async (request) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    return presentContribution(await rejectContribution(newsroom, requireActor(request), slug, id));
  });

  app.post(`${CONTRIBUTION_ROUTE}/:id/block`, async (request) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    return presentContribution(
      await blockContributionSender(newsroom, requireActor(request), slug, id),
    );
  });

  app.delete(`${CONTRIBUTION_ROUTE}/:id/personal-data`, async (request) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    return presentContribution(
      await eraseContributorData(newsroom, requireActor(request), slug, id, photos.media),
    );
  });
}

type Submit = (
  input: unknown,
  photo?: Parameters<typeof submitContribution>[1]["photo"],
) => ReturnType<typeof submitContribution>;

/**
 * The multipart form: a place in the upload queue (per address) before a byte is read, the
 * words and the photo received, then the photo processed only once the words, challenge and
 * sender have passed. The temporary file and the place are gone before the answer.
 */
async function submitWithPhoto(
  request: FastifyRequest,
  photos: ContributionPhotoDeps,
  submit: Submit,
) {
  checkPhotoEnvelope(request);
  const place = photos.uploads.admit(`reader ${request.ip}`);
  try {
    const received = await receiveContribution(request, photos.tmpDir);
    const file = received.photoFile;
    try {
      return await submit(
        received.fields,
        file
          ? {
              keep: () => keepPhoto(photos.uploads, place, file),
              discard: (id) => discardPhoto(photos.media, id),
            }
          : undefined,
      );
    } finally {
      if (file) await rm(file, { force: true });
    }
  } finally {
    place.leave();
  }
}
