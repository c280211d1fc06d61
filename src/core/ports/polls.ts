// What the core asks of the store about polls (core/polls.ts): votes and closings.

import type { DuePollClosing, PollVote } from "../polls.js";

/** Readers' votes, counted by the database, and each poll's closing announced once. */
export interface PollStore {
  /** Keeps a reader's vote; false when this voter has voted in this poll already. */
  castPollVote(vote: PollVote): Promise<boolean>;
  /** The votes of a poll per answer id, counted by the database. */
  countPollVotes(pollId: string): Promise<Record<string, number>>;
  /** Polls of published posts whose closing time is at or before `now`, not yet announced. */
  listDuePollClosings(now: string, limit: number): Promise<DuePollClosing[]>;
  /** Marks a poll's closing announced; false if another node did or its closing time moved. */
  claimPollClosing(closing: DuePollClosing, at: string): Promise<boolean>;
}
