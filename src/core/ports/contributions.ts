// What the core asks of the store about readers' contributions (core/contributions.ts).

import type { Contribution, ContributionStatus } from "../contributions.js";

/** Which contributions a desk reads: newest first. */
export interface ContributionQuery {
  blogId: string;
  statuses: readonly ContributionStatus[];
  /** Only contributions older than the one with this id (the last of the previous page). */
  before?: string;
  limit: number;
}

/** Readers' contributions and the queue they wait in (operations/contributions.ts). */
export interface ContributionStore {
  insertContribution(contribution: Contribution): Promise<void>;
  /** Writes its contact, sender, status, decision, answering post and erasure. */
  updateContribution(contribution: Contribution): Promise<void>;
  findContribution(blogId: string, id: string): Promise<Contribution | undefined>;
  listContributions(query: ContributionQuery): Promise<Contribution[]>;
  /** Refuses this sender (a keyed hash of an address) from now on; blocking twice is one block. */
  blockSender(sender: string, at: string): Promise<void>;
  isSenderBlocked(sender: string): Promise<boolean>;
  /** Marks a challenge used; false when it was used already, on any node. */
  spendChallenge(id: string, expiresAt: string): Promise<boolean>;
  /** Forgets used challenges that have expired by `now`; returns how many. */
  forgetSpentChallenges(now: string): Promise<number>;
  /** Erases contact, sender and photo of those received before `before`; returns how many. */
  eraseContributorsBefore(before: string, at: string): Promise<number>;
  /** The photos of contributions received before `before` whose data is not erased yet. */
  contributionPhotosBefore(before: string): Promise<string[]>;
}
