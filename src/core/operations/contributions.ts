// What the newsroom does with readers' contributions: take one from the reader page (challenge
// solved, sender not blocked), read the queue, answer one in a post, reject it, block its
// sender, and erase a sender's personal data, on request or when the retention period ends.
// A new or changed contribution goes to the desk live, to those who moderate only; nothing
// of one is public until an editor publishes a post quoting it.

import {
  CONTRIBUTION_STATUSES,
  type Contribution,
  ContributionInput,
  type ContributionPhoto,
  type ContributionStatus,
  contributionPhotoFolder,
  takesContributions,
} from "../contributions.js";
import { DomainError, validationError } from "../errors.js";
import { newId } from "../ids.js";
import { ensure } from "../permissions.js";
import type { MediaStore, Newsroom, Store } from "../ports.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import type { ContributionChallenges } from "./contribution-challenge.js";
import { getBlog } from "./read.js";
import { SignedValues } from "./signed-values.js";

/** The keyed hash of a sender's address: blocks work on it, and the address is never kept. */
export class ContributionSenders {
  readonly #signed: SignedValues;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#signed = new SignedValues(
      newsroom,
      "contribution-sender",
      "dispatch contribution sender v1",
    );
  }

  of(address: string): Promise<string> {
    return this.#signed.digest(address);
  }
}

export async function submitContribution(
  newsroom: Newsroom,
  request: {
    slug: string;
    input: unknown;
    address: string;
    challenges: ContributionChallenges;
    senders: ContributionSenders;
    /**
     * Processes and keeps the attached photo, once the words, challenge and sender have
     * passed (so a refused contribution never costs an image's processing); with `discard`
     * to delete its files again should the contribution not be written after all.
     */
    photo?: { keep: () => Promise<ContributionPhoto>; discard: (id: string) => Promise<void> };
  },
): Promise<Contribution> {
  const blog = await getBlog(newsroom, request.slug);
  if (!takesContributions(blog)) {
    throw new DomainError("contributions_closed", "This blog is not taking contributions");
  }
  const input = parseInput(ContributionInput, request.input);
  await request.challenges.redeem(blog.id, input.challenge, input.nonce);
  const sender = await request.senders.of(request.address);
  if (await newsroom.store.isSenderBlocked(sender)) {
    throw new DomainError("sender_blocked", "The newsroom does not take contributions from you");
  }
  const photo = request.photo ? await request.photo.keep() : null;
  try {
    return await commitChanges(newsroom, async ({ tx, at, desk }) => {
      const contribution: Contribution = {
        id: newId(Date.parse(at)),
        blogId: blog.id,
        kind: input.kind,
        text: input.text,
        name: input.name,
        contact: input.contact ? input.contact : null,
        sender,
        status: "new",
        receivedAt: at,
        decidedAt: null,
        answerPostId: null,
        erasedAt: null,
        senderBlocked: false,
        photo,
      };
      await tx.insertContribution(contribution);
      desk({ blogId: blog.id, kind: "contribution", contribution });
      return contribution;
    });
  } catch (error) {
    if (photo) await request.photo?.discard(photo.id).catch(() => undefined);
    throw error;
  }
}

export async function listContributions(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  query: { status?: unknown; before?: string; limit?: number } = {},
): Promise<Contribution[]> {
  ensure(actor, "contribution.moderate");
  const blog = await getBlog(newsroom, slug);
  const status = query.status ?? "new";
  if (status !== "all" && !CONTRIBUTION_STATUSES.includes(status as ContributionStatus)) {
    throw validationError("status", "Use new, answered, rejected or all");
  }
  return newsroom.store.listContributions({
    blogId: blog.id,
    statuses: status === "all" ? CONTRIBUTION_STATUSES : [status as ContributionStatus],
    ...(query.before ? { before: query.before } : {}),
    limit: Math.min(Math.max(query.limit ?? 50, 1), 100),
  });
}

/** Marks a new contribution answered by a published post of the same blog. */
export function answerContribution(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
  postId: unknown,
): Promise<Contribution> {
  if (typeof postId !== "string" || postId.length === 0 || postId.length > 40) {
    throw validationError("postId", "Name the published post that answers it");
  }
  return decide(newsroom, actor, slug, id, async (tx, current, at) => {
    const post = await tx.findPost(current.blogId, postId);
    if (post?.status !== "published") {
      throw validationError("postId", "Name a published post of this blog");
    }
    if (current.status !== "new") throw decided(current);
    return {
      next: { ...current, status: "answered", decidedAt: at, answerPostId: post.id },
      action: "contribution.answer",
      postId: post.id,
    };
  });
}

export function rejectContribution(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
): Promise<Contribution> {
  return decide(newsroom, actor, slug, id, async (_tx, current, at) => {
    if (current.status !== "new") throw decided(current);
    return {
      next: { ...current, status: "rejected", decidedAt: at },
      action: "contribution.reject",
    };
  });
}

/** Refuses the sender's future contributions; a new contribution of theirs is rejected too. */
export function blockContributionSender(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
): Promise<Contribution> {
  return decide(newsroom, actor, slug, id, async (tx, current, at) => {
    if (!current.sender) {
      throw new DomainError(
        "contribution_decided",
        "Its sender's personal data was erased: there is nothing left to block them by",
      );
    }
    await tx.blockSender(current.sender, at);
    const next: Contribution =
      current.status === "new"
        ? { ...current, status: "rejected", decidedAt: at, senderBlocked: true }
        : { ...current, senderBlocked: true };
    return { next, action: "contribution.block" };
  });
}

/**
 * Erases the contact, the address's hash and the photo: nothing left names, traces or shows
 * the sender. The photo's files go before the row forgets them, so a failure leaves them
 * findable for another try rather than lost on disk.
 */
export function eraseContributorData(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
  media: MediaStore,
): Promise<Contribution> {
  return decide(newsroom, actor, slug, id, async (_tx, current, at) => {
    if (current.photo) await media.removeFolder(contributionPhotoFolder(current.photo.id));
    return {
      next: {
        ...current,
        contact: null,
        sender: null,
        photo: null,
        erasedAt: current.erasedAt ?? at,
      },
      action: "contribution.erase",
    };
  });
}

/** The photo a reader attached, for those who moderate; 404 when there is none (or no more). */
export async function findContributionPhoto(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
): Promise<ContributionPhoto> {
  ensure(actor, "contribution.moderate");
  const blog = await getBlog(newsroom, slug);
  const contribution = await newsroom.store.findContribution(blog.id, id);
  if (!contribution) {
    throw new DomainError("contribution_not_found", "No such contribution on this blog");
  }
  if (!contribution.photo) {
    throw new DomainError("media_not_found", "This contribution has no photo");
  }
  return contribution.photo;
}

/**
 * What publishing a reader's photo in an answer needs: the photo and the name the reader
 * chose, who is credited. Only those who moderate and may publish; not once it is erased.
 */
export async function contributionPhotoToPublish(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
): Promise<{ photo: ContributionPhoto; credit: string }> {
  ensure(actor, "post.publish");
  const photo = await findContributionPhoto(newsroom, actor, slug, id);
  const blog = await getBlog(newsroom, slug);
  const contribution = await newsroom.store.findContribution(blog.id, id);
  return { photo, credit: contribution?.name ?? "" };
}

/**
 * The retention sweep: erases the personal data of contributions received more than
 * `retentionDays` ago, and forgets used challenges that have expired. Run by the scheduler.
 */
export async function eraseLapsedContributorData(
  newsroom: Pick<Newsroom, "store" | "clock">,
  retentionDays: number,
  media: MediaStore,
): Promise<number> {
  const now = newsroom.clock.now();
  const before = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  // Files first: should deleting one fail, its row still names it for the next sweep.
  for (const photoId of await newsroom.store.contributionPhotosBefore(before)) {
    await media.removeFolder(contributionPhotoFolder(photoId));
  }
  const erased = await newsroom.store.eraseContributorsBefore(before, now.toISOString());
  await newsroom.store.forgetSpentChallenges(now.toISOString());
  return erased;
}

type Decision = (
  tx: Store,
  current: Contribution,
  at: string,
) => Promise<{
  next: Contribution;
  action:
    | "contribution.answer"
    | "contribution.reject"
    | "contribution.block"
    | "contribution.erase";
  postId?: string;
}>;

async function decide(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  id: string,
  decision: Decision,
): Promise<Contribution> {
  ensure(actor, "contribution.moderate");
  return commitChanges(newsroom, async ({ tx, at, desk, audit }) => {
    const blog = await getBlog({ store: tx }, slug);
    const current = await tx.findContribution(blog.id, id);
    if (!current) {
      throw new DomainError("contribution_not_found", "No such contribution on this blog");
    }
    const { next, action, postId } = await decision(tx, current, at);
    await tx.updateContribution(next);
    // The log names the contribution, never its words or its sender's data.
    await audit(actor, action, {
      blogId: blog.id,
      ...(postId ? { postId } : {}),
      detail: { contribution: current.id, kind: current.kind },
    });
    desk({ blogId: blog.id, kind: "contribution", contribution: next });
    return next;
  });
}

function decided(current: Contribution): DomainError {
  return new DomainError("contribution_decided", `This contribution was ${current.status} already`);
}
