// SqlStore: the Store port over Kysely, one set of queries for SQLite and PostgreSQL. Backend
// differences come in as SqlCapabilities; row shapes live in rows.ts.

import type { Kysely } from "kysely";
import type { AlertDelivery, AlertSubscription } from "../../core/alerts.js";
import type { Comment } from "../../core/comments.js";
import type { Contribution } from "../../core/contributions.js";
import type { Figure, FigureHistoryEntry } from "../../core/figures.js";
import type { MediaItem, MediaSearch } from "../../core/media.js";
import type { NumbersBatch } from "../../core/numbers.js";
import type { DuePollClosing, PollVote } from "../../core/polls.js";
import type {
  CommentQueue,
  CommentUpdate,
  ContributionQuery,
  Store,
  WebhookAttemptRecord,
} from "../../core/ports.js";
import type { BlogFollow, FollowedSource } from "../../core/syndication.js";
import type { WebhookDelivery, WebhookEndpoint, WebhookNews } from "../../core/webhooks.js";
import type { Database } from "../schema.js";
import * as alerts from "./alerts.js";
import type { SqlCapabilities } from "./capabilities.js";
import * as comments from "./comments.js";
import * as contributions from "./contributions.js";
import * as figures from "./figures.js";
import * as media from "./media.js";
import * as numbers from "./numbers.js";
import * as pollClosings from "./poll-closings.js";
import * as polls from "./polls.js";
import type { PreparedStatements } from "./prepared.js";
import { withAccounts } from "./store/accounts.js";
import { withBlogs } from "./store/blogs.js";
import { withPosts } from "./store/posts.js";
import { SqlScope } from "./store/scope.js";
import * as syndication from "./syndication.js";
import * as webhooks from "./webhooks.js";

const Parts = withPosts(withBlogs(withAccounts(SqlScope)));

export class SqlStore extends Parts implements Store {
  // The parts take any arguments, as mixins must; this says what a store is made of.
  constructor(
    db: Kysely<Database>,
    capabilities: SqlCapabilities,
    statements?: PreparedStatements,
  ) {
    super(db, capabilities, statements);
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.inTransaction((db) =>
      work(db === this.db ? this : new SqlStore(db, this.capabilities, this.statements)),
    );
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("Close the store, not a transaction of it");
    await this.db.destroy();
  }

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

  // The desk's numbers: the queries live in numbers.ts.
  addNumbers(batch: NumbersBatch): Promise<void> {
    return this.inTransaction((db) => numbers.addNumbers(db, batch));
  }

  sumReaders(blogId: string, fromMinute: string): Promise<Map<string, number>> {
    return numbers.sumReaders(this.db, blogId, fromMinute);
  }

  topPosts(blogId: string, fromHour: string, limit: number) {
    return numbers.topPosts(this.db, blogId, fromHour, limit);
  }

  embedHosts(blogId: string, fromHour: string, limit: number) {
    return numbers.embedHosts(this.db, blogId, fromHour, limit);
  }

  pruneNumbers(before: string): Promise<number> {
    return numbers.pruneNumbers(this.db, before);
  }

  // Readers' comments: the queries live in comments.ts.
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

  forgetCommentWords(blogId: string, commentId: string): Promise<void> {
    return comments.forgetCommentWords(this.db, blogId, commentId);
  }

  // Key figures: the queries live in figures.ts.
  listFigures(blogId: string): Promise<Figure[]> {
    return figures.listFigures(this.db, blogId);
  }

  findFigure(blogId: string, figureId: string): Promise<Figure | undefined> {
    return figures.findFigure(this.db, blogId, figureId);
  }

  saveFigure(figure: Figure, at: string): Promise<void> {
    return this.inTransaction((db) => figures.saveFigure(db, figure, at));
  }

  listFigureHistory(figureId: string): Promise<FigureHistoryEntry[]> {
    return figures.listFigureHistory(this.db, figureId);
  }

  insertFigureHistory(
    figure: Pick<Figure, "id" | "blogId">,
    history: readonly FigureHistoryEntry[],
  ): Promise<void> {
    return figures.insertFigureHistory(this.db, figure, history);
  }

  deleteFigure(blogId: string, figureId: string): Promise<boolean> {
    return this.inTransaction((db) => figures.deleteFigure(db, blogId, figureId));
  }

  // Follows of other blogs: the queries live in syndication.ts.
  findFollow(blogId: string): Promise<BlogFollow | undefined> {
    return syndication.findFollow(this.db, blogId);
  }

  listFollows(): Promise<BlogFollow[]> {
    return syndication.listFollows(this.db);
  }

  saveFollow(follow: BlogFollow): Promise<void> {
    return syndication.saveFollow(this.db, follow);
  }

  deleteFollow(blogId: string): Promise<boolean> {
    return syndication.deleteFollow(this.db, blogId);
  }

  takeFollowLease(blogId: string, owner: string, now: string, until: string): Promise<boolean> {
    return syndication.takeFollowLease(this.db, blogId, owner, now, until);
  }

  releaseFollowLease(blogId: string, owner: string): Promise<void> {
    return syndication.releaseFollowLease(this.db, blogId, owner);
  }

  advanceFollow(blogId: string, follow: FollowedSource, seq: number, at: string): Promise<boolean> {
    return syndication.advanceFollow(this.db, blogId, follow, seq, at);
  }

  resumeFollowAt(blogId: string, follow: FollowedSource, seq: number): Promise<void> {
    return syndication.resumeFollowAt(this.db, blogId, follow, seq);
  }

  recordFollowStatus(
    blogId: string,
    sourceUrl: string,
    status: Parameters<Store["recordFollowStatus"]>[2],
  ): Promise<void> {
    return syndication.recordFollowStatus(this.db, blogId, sourceUrl, status);
  }

  findSyndicated(blogId: string, sourceUrl: string, sourcePostId: string) {
    return syndication.findSyndicated(this.db, blogId, sourceUrl, sourcePostId);
  }

  listSyndicated(blogId: string, sourceUrl: string) {
    return syndication.listSyndicated(this.db, blogId, sourceUrl);
  }

  saveSyndicated(blogId: string, sourceUrl: string, sourcePostId: string, postId: string) {
    return syndication.saveSyndicated(this.db, blogId, sourceUrl, sourcePostId, postId);
  }

  forgetSyndicated(blogId: string, sourceUrl: string, sourcePostId: string) {
    return syndication.forgetSyndicated(this.db, blogId, sourceUrl, sourcePostId);
  }

  countSyndicated(blogId: string, sourceUrl: string): Promise<number> {
    return syndication.countSyndicated(this.db, blogId, sourceUrl);
  }

  // The media library: the queries live in media.ts.
  insertMedia(item: MediaItem): Promise<void> {
    return media.insertMedia(this.db, item);
  }

  findMedia(id: string): Promise<MediaItem | undefined> {
    return media.findMedia(this.db, id);
  }

  updateMedia(item: MediaItem): Promise<void> {
    return media.updateMedia(this.db, item);
  }

  listMedia(query: MediaSearch): Promise<MediaItem[]> {
    return media.listMedia(this.db, query);
  }

  uploadsInUse(ids: readonly string[]): Promise<Set<string>> {
    return media.uploadsInUse(this.db, ids);
  }

  deleteMedia(id: string): Promise<void> {
    return media.deleteMedia(this.db, id);
  }

  // Readers' alerts: the queries live in alerts.ts.
  saveAlertSubscription(subscription: AlertSubscription): Promise<void> {
    return alerts.saveSubscription(this.db, subscription);
  }

  deleteAlertSubscriptionByEndpoint(blogId: string, endpoint: string): Promise<boolean> {
    return alerts.deleteSubscriptionByEndpoint(this.db, blogId, endpoint);
  }

  deleteAlertSubscription(id: string): Promise<void> {
    return alerts.deleteSubscription(this.db, id);
  }

  countAlertSubscriptions(blogId: string): Promise<number> {
    return alerts.countSubscriptions(this.db, blogId);
  }

  queueAlerts(posts: readonly { blogId: string; postId: string }[], at: string): Promise<void> {
    return alerts.queueAlerts(this.db, posts, at);
  }

  fanOutAlerts(now: string, limit: number): Promise<number> {
    return alerts.fanOutAlerts(this.db, now, limit);
  }

  claimAlertDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<AlertDelivery[]> {
    return alerts.claimDeliveries(this.db, this.capabilities, { owner, now, leaseUntil, limit });
  }

  finishAlertDelivery(id: string, owner: string): Promise<void> {
    return alerts.finishDelivery(this.db, id, owner);
  }

  retryAlertDelivery(
    id: string,
    owner: string,
    retry: { attempts: number; nextAttemptAt: string; error: string },
  ): Promise<void> {
    return alerts.retryDelivery(this.db, id, owner, retry);
  }

  // Readers' contributions: the queries live in contributions.ts.
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

  // Webhooks: the queries live in webhooks.ts.
  insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    return webhooks.insertEndpoint(this.db, endpoint);
  }

  updateWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    return webhooks.updateEndpoint(this.db, endpoint);
  }

  deleteWebhookEndpoint(id: string): Promise<boolean> {
    return this.inTransaction((db) => webhooks.deleteEndpoint(db, id));
  }

  findWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    return webhooks.findEndpoint(this.db, id);
  }

  listWebhookEndpoints(): Promise<WebhookEndpoint[]> {
    return webhooks.listEndpoints(this.db);
  }

  enqueueWebhookNews(news: readonly WebhookNews[], at: string): Promise<number> {
    return webhooks.enqueueNews(this.db, news, at);
  }

  listWebhookDeliveries(
    endpointId: string,
    page: { before?: string; limit: number },
  ): Promise<WebhookDelivery[]> {
    return webhooks.listDeliveries(this.db, endpointId, page);
  }

  findWebhookDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
    return webhooks.findDelivery(this.db, endpointId, id);
  }

  resendWebhookDelivery(endpointId: string, id: string, at: string): Promise<boolean> {
    return webhooks.resendDelivery(this.db, endpointId, id, at);
  }

  claimWebhookDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
    skipEndpoints: readonly string[] = [],
  ): Promise<WebhookDelivery[]> {
    return webhooks.claimDeliveries(this.db, this.capabilities, {
      owner,
      now,
      leaseUntil,
      limit,
      skipEndpoints,
    });
  }

  finishWebhookAttempt(id: string, owner: string, outcome: WebhookAttemptRecord): Promise<boolean> {
    return webhooks.finishAttempt(this.db, id, owner, outcome);
  }

  pruneWebhookDeliveries(deliveredBefore: string, failedBefore: string): Promise<number> {
    return webhooks.pruneDeliveries(this.db, deliveredBefore, failedBefore);
  }
}
