// Readers voting in polls. A vote is checked against the post as it stands (published, the
// poll still there and open, the answer one of its own), kept once per voter by the database,
// and the poll's counts are then written back into the post and pushed live by PollTallies:
// not per vote but at most twice a second per poll, so a burst of votes is one event.

import { renderBlocks } from "../content/render.js";
import { DomainError } from "../errors.js";
import { findPoll, isPollClosed, type PollResults, postIdOfPoll, resultsFor } from "../polls.js";
import type { Newsroom } from "../ports.js";
import type { Post } from "../post.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";

export interface VoteInput {
  pollId: string;
  answerId: unknown;
  /**
   * Who votes, asked only once the vote is otherwise valid: a refused vote makes no voter
   * (and no signing secret, see poll-voters.ts).
   */
  voter: () => Promise<string>;
}

export interface VoteOutcome {
  post: Post;
  results: PollResults;
  closed: boolean;
}

export async function voteInPoll(
  newsroom: Pick<Newsroom, "store" | "clock">,
  input: VoteInput,
): Promise<VoteOutcome> {
  const post = await newsroom.store.findPostAnywhere(postIdOfPoll(input.pollId));
  const poll =
    post && post.status === "published" && !post.deletedAt
      ? findPoll(post, input.pollId)
      : undefined;
  if (!post || !poll) throw new DomainError("poll_not_found", "No poll with that id");
  const now = newsroom.clock.now();
  if (isPollClosed(poll, now)) {
    throw new DomainError("poll_closed", "This poll has closed: it takes no more votes");
  }
  const answerId = input.answerId;
  if (typeof answerId !== "string" || !poll.answers.some((answer) => answer.id === answerId)) {
    throw new DomainError("validation_failed", "Choose one of the poll's answers", {
      field: "answer",
    });
  }
  const kept = await newsroom.store.castPollVote({
    pollId: input.pollId,
    postId: post.id,
    answerId,
    voter: await input.voter(),
    at: now.toISOString(),
  });
  if (!kept) throw new DomainError("already_voted", "This browser has voted in this poll already");
  const counted = await newsroom.store.countPollVotes(input.pollId);
  return { post, results: resultsFor(poll.answers, counted), closed: false };
}

/** How long a poll's counts wait before they are written and pushed: bursts become one event. */
export const TALLY_DELAY_MS = 500;

/**
 * Writes a poll's counts into its post (the block's `results` and the stored HTML, so the
 * page, the post's JSON and the export show them) and logs a `poll` change, pushed live. The
 * post's version and "Updated" time stay: a count is no one's words, and an editor with the
 * post open saves over it without a conflict (the counts are kept, see settledPolls).
 */
export class PollTallies {
  readonly #newsroom: Newsroom;
  readonly #delay: number;
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();

  constructor(newsroom: Newsroom, delay = TALLY_DELAY_MS) {
    this.#newsroom = newsroom;
    this.#delay = delay;
  }

  /** A vote was kept: the poll's counts go out within the delay, with any votes after it. */
  counted(pollId: string): void {
    if (this.#pending.has(pollId)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(pollId);
      const run = this.publish(pollId)
        .catch(() => {
          // A failed write (the database away, an editor's save in between) is retried once
          // later; the votes themselves are kept either way.
          setTimeout(() => this.counted(pollId), this.#delay * 4).unref();
        })
        .finally(() => this.#running.delete(run));
      this.#running.add(run);
    }, this.#delay);
    timer.unref();
    this.#pending.set(pollId, timer);
  }

  /** Writes and pushes what is pending now (the server is stopping). */
  async close(): Promise<void> {
    const pending = [...this.#pending.keys()];
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    await Promise.allSettled([...this.#running, ...pending.map((id) => this.publish(id))]);
  }

  async publish(pollId: string): Promise<void> {
    await commitChanges(this.#newsroom, (recorder) =>
      writePollCounts(this.#newsroom, recorder, pollId),
    );
  }
}

/**
 * Writes a poll's counts into its published post, rendered again, and records the `poll`
 * change saying whether it still takes votes. Nothing when the post or poll is gone.
 */
export async function writePollCounts(
  newsroom: Newsroom,
  recorder: ChangeRecorder,
  pollId: string,
): Promise<void> {
  const { tx } = recorder;
  const current = await tx.findPostAnywhere(postIdOfPoll(pollId));
  if (current?.status !== "published" || current.deletedAt) return;
  const poll = findPoll(current, pollId);
  if (!poll) return;
  const counted = await tx.countPollVotes(pollId);
  // No vote rows but results: an imported poll's counts (the votes stayed behind), kept
  // rather than zeroed when it closes here.
  const kept = Object.keys(counted).length === 0 ? poll.results?.totals : undefined;
  const results = resultsFor(poll.answers, kept ?? counted);
  const blocks = current.blocks.map((block) => (block === poll ? { ...poll, results } : block));
  const blog = await tx.findBlogById(current.blogId);
  if (!blog) return;
  const next: Post = {
    ...current,
    blocks,
    html: renderBlocks(blocks, newsroom.blockWords(blog.language), {
      at: newsroom.clock.now(),
      zone: blog,
    }),
  };
  if (!(await tx.updatePost(next, current.version))) throw new Error("post changed");
  await recorder.record(current.blogId, {
    kind: "poll",
    postId: current.id,
    pollId,
    ...results,
    closed: isPollClosed(poll, newsroom.clock.now()),
  });
}
