// Polls: a `poll` block readers vote in, once per browser, without an account. A poll's id is
// its post's id and a few random letters, so a vote names its post without a lookup table and
// a poll copied into another post gets an id of its own (and none of the first one's votes).
// Answers are counted by id: a reworded answer keeps its votes, a removed one loses them. The
// counts are the database's (one row per voter); the block's `results` are a copy the server
// writes, never a client's.

import { randomBytes } from "node:crypto";
import type { Block, PollBlock } from "./content/blocks.js";
import { isPollClosed } from "./content/poll-state.js";
import type { Post } from "./post.js";

// Kept apart for the renderer the newsroom app bundles; named here with the rest of polls.
export { isPollClosed };

export interface PollResults {
  /** Votes per answer id; every answer of the poll has an entry. */
  totals: Record<string, number>;
  total: number;
}

/** One reader's vote, as stored: the voter is the random id in the browser's signed cookie. */
export interface PollVote {
  pollId: string;
  postId: string;
  answerId: string;
  voter: string;
  at: string;
}

/** What the `poll` live event says: the poll's counts now, and whether it takes votes. */
export interface PollTally extends PollResults {
  postId: string;
  pollId: string;
  closed: boolean;
}

/** A poll whose closing time has come, not yet announced to readers (operations/polls.ts). */
export interface DuePollClosing {
  pollId: string;
  postId: string;
  /** The closing time in UTC, as kept: the claim holds only if it has not moved since. */
  closesAt: string;
}

const LETTERS = "abcdefghjkmnpqrstvwxyz23456789";

function randomLetters(count: number): string {
  const bytes = randomBytes(count);
  let out = "";
  for (const byte of bytes) out += LETTERS[byte % LETTERS.length];
  return out;
}

/** The post a poll id belongs to (the part before its first dash). */
export function postIdOfPoll(pollId: string): string {
  return pollId.split("-", 1)[0] ?? "";
}

/**
 * The blocks to store: each poll with an id of this post (a missing or foreign id replaced),
 * each answer with an id unique in its poll, and the results the post already had for that
 * poll kept (a client's dropped).
 */
export function settledPolls(
  blocks: Block[],
  postId: string,
  current?: Pick<Post, "blocks">,
): Block[] {
  const known = new Map<string, PollBlock["results"]>();
  for (const block of current?.blocks ?? []) {
    if (block.type === "poll" && block.id && block.results) known.set(block.id, block.results);
  }
  const seen = new Set<string>();
  return blocks.map((block) => {
    if (block.type !== "poll") return block;
    const { results: _ignored, ...rest } = block;
    let id = block.id;
    if (!id || postIdOfPoll(id) !== postId || seen.has(id)) id = `${postId}-${randomLetters(6)}`;
    seen.add(id);
    const answerIds = new Set<string>();
    const answers = block.answers.map((answer) => {
      let answerId = answer.id;
      while (!answerId || answerIds.has(answerId)) answerId = randomLetters(6);
      answerIds.add(answerId);
      return { ...answer, id: answerId };
    });
    const kept = known.get(id);
    return { ...rest, id, answers, ...(kept ? { results: resultsFor(answers, kept.totals) } : {}) };
  });
}

/**
 * Keeps every counted vote with the answer it was cast for: an answer id that has votes may
 * only stay on the answer that had it in the stored post. A client sending a removed answer's
 * id (or a new answer drawing it by chance) on other words gets a fresh id instead, so those
 * votes never show under an answer no one voted for. Runs on blocks settledPolls made.
 */
export async function keepVotesWithTheirAnswers(
  blocks: Block[],
  current: Pick<Post, "blocks">,
  countVotes: (pollId: string) => Promise<Readonly<Record<string, number>>>,
): Promise<Block[]> {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.type !== "poll" || !block.id) {
      out.push(block);
      continue;
    }
    const stored = findPoll(current, block.id);
    const known = new Set(stored?.answers.map((answer) => answer.id) ?? []);
    const newcomers = block.answers.filter((answer) => !known.has(answer.id));
    const counted = newcomers.length > 0 ? await countVotes(block.id) : {};
    const voted = (id: string | undefined) => id !== undefined && (counted[id] ?? 0) > 0;
    if (!newcomers.some((answer) => voted(answer.id))) {
      out.push(block);
      continue;
    }
    const taken = new Set([...block.answers.map((answer) => answer.id), ...Object.keys(counted)]);
    const answers = block.answers.map((answer) => {
      if (known.has(answer.id) || !voted(answer.id)) return answer;
      let id = randomLetters(6);
      while (taken.has(id)) id = randomLetters(6);
      taken.add(id);
      return { ...answer, id };
    });
    const { results, ...rest } = block;
    out.push({
      ...rest,
      answers,
      ...(results ? { results: resultsFor(answers, results.totals) } : {}),
    });
  }
  return out;
}

/** The poll's results from counted votes: every current answer, votes of removed ones left out. */
export function resultsFor(
  answers: PollBlock["answers"],
  counted: Readonly<Record<string, number>>,
): PollResults {
  const totals: Record<string, number> = {};
  let total = 0;
  for (const answer of answers) {
    if (!answer.id) continue;
    const votes = counted[answer.id] ?? 0;
    totals[answer.id] = votes;
    total += votes;
  }
  return { totals, total };
}

/** The poll of a post with this id, or undefined. */
export function findPoll(post: Pick<Post, "blocks">, pollId: string): PollBlock | undefined {
  for (const block of post.blocks) if (block.type === "poll" && block.id === pollId) return block;
  return undefined;
}
