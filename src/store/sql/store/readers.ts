import type { Comment } from "../../../core/comments.js";
import type { Contribution } from "../../../core/contributions.js";
import type { DuePollClosing, PollVote } from "../../../core/polls.js";
import type {
  CommentQueue,
  CommentStore,
  CommentUpdate,
  ContributionQuery,
  ContributionStore,
  PollStore,
} from "../../../core/ports.js";
import * as comments from "../comments.js";
import * as contributions from "../contributions.js";
import * as pollClosings from "../poll-closings.js";
import * as polls from "../polls.js";
import type { SqlPart } from "./scope.js";

export function withReaders<Base extends SqlPart>(base: Base) {
  return class ReadersPart extends base implements PollStore, CommentStore, ContributionStore {
    castPollVote(vote: PollVote): Promise<boolean> {
      return polls.castPollVote(this.db, vote);
    }

    countPollVotes(pollId: string): Promise<Record<string, number>> {
      return polls.countPollVotes(this.db, pollId);
    }

    listDuePollClosings(now: string, limit: number): Promise<DuePollClosing[]> {
      return pollClosings.listDuePollClosings(this.db, now, limit);
    }

    claimPollClosing(closing: DuePollClosing, at: string): Promise<boolean> {
      return pollClosings.claimPollClosing(this.db, closing, at);
    }

    insertComment(comment: Comment): Promise<void> {
      return comments.insertComment(this.db, comment);
    }

    findComment(commentId: string): Promise<Comment | undefined> {
      return comments.findComment(this.db, commentId);
    }

    updateComment(commentId: string, update: CommentUpdate): Promise<void> {
      return comments.updateComment(this.db, commentId, update);
    }

    listApprovedComments(
      blogId: string,
      page: { after?: string; limit: number },
    ): Promise<Comment[]> {
      return comments.listApprovedComments(this.db, blogId, page);
    }

    listApprovedReplies(blogId: string, parentIds: readonly string[]): Promise<Comment[]> {
      return comments.listApprovedReplies(this.db, blogId, parentIds);
    }

    listCommentQueue(blogId: string, queue: CommentQueue, limit: number): Promise<Comment[]> {
      return comments.listCommentQueue(this.db, blogId, queue, limit);
    }

    listRecentCommentTimes(blogId: string, addressKey: string, since: string): Promise<string[]> {
      return comments.listRecentCommentTimes(this.db, blogId, addressKey, since);
    }

    reportComment(commentId: string, addressKey: string, at: string): Promise<boolean> {
      return comments.reportComment(this.db, commentId, addressKey, at);
    }

    listBlogComments(blogId: string): Promise<Comment[]> {
      return comments.listBlogComments(this.db, blogId);
    }

    forgetCommentWords(blogId: string, commentId: string): Promise<void> {
      return comments.forgetCommentWords(this.db, blogId, commentId);
    }

    insertContribution(contribution: Contribution): Promise<void> {
      return contributions.insertContribution(this.db, contribution);
    }

    updateContribution(contribution: Contribution): Promise<void> {
      return contributions.updateContribution(this.db, contribution);
    }

    findContribution(blogId: string, id: string): Promise<Contribution | undefined> {
      return contributions.findContribution(this.db, blogId, id);
    }

    listContributions(query: ContributionQuery): Promise<Contribution[]> {
      return contributions.listContributions(this.db, query);
    }

    blockSender(sender: string, at: string): Promise<void> {
      return contributions.blockSender(this.db, sender, at);
    }

    isSenderBlocked(sender: string): Promise<boolean> {
      return contributions.isSenderBlocked(this.db, sender);
    }

    spendChallenge(id: string, expiresAt: string): Promise<boolean> {
      return contributions.spendChallenge(this.db, id, expiresAt);
    }

    forgetSpentChallenges(now: string): Promise<number> {
      return contributions.forgetSpentChallenges(this.db, now);
    }

    eraseContributorsBefore(before: string, at: string): Promise<number> {
      return contributions.eraseContributorsBefore(this.db, before, at);
    }

    contributionPhotosBefore(before: string): Promise<string[]> {
      return contributions.contributionPhotosBefore(this.db, before);
    }
  };
}
