// SqlStore: the Store port over Kysely, one set of queries for SQLite and PostgreSQL. Backend
// differences come in as SqlCapabilities; row shapes live in rows.ts.

import type { AlertDelivery, AlertSubscription } from "../../core/alerts.js";
import type { AuditEntry, AuditListing, AuditQuery } from "../../core/audit.js";
import type { Blog } from "../../core/blog.js";
import type { Change, ChangeBody } from "../../core/change.js";
import type { Comment } from "../../core/comments.js";
import type { Contribution } from "../../core/contributions.js";
import type { PostVersion } from "../../core/corrections.js";
import { DomainError } from "../../core/errors.js";
import type { Figure, FigureHistoryEntry } from "../../core/figures.js";
import type { MediaItem, MediaSearch } from "../../core/media.js";
import type { NumbersBatch } from "../../core/numbers.js";
import type { DuePollClosing, PollVote } from "../../core/polls.js";
import type {
  CommentQueue,
  CommentUpdate,
  ContributionQuery,
  IdempotencyRecord,
  PostQuery,
  PostSearch,
  PublishedSearch,
  Store,
  WebhookAttemptRecord,
} from "../../core/ports.js";
import type { Post, PostStatus } from "../../core/post.js";
import type { BlogFollow, FollowedSource } from "../../core/syndication.js";
import type { TagCount } from "../../core/tags.js";
import type { ApiToken, ApiTokenListing, NewsroomUser, Session } from "../../core/user.js";
import type { WebhookDelivery, WebhookEndpoint, WebhookNews } from "../../core/webhooks.js";
import * as alerts from "./alerts.js";
import { listAudit } from "./audit.js";
import * as comments from "./comments.js";
import * as contributions from "./contributions.js";
import * as figures from "./figures.js";
import * as hot from "./hot-queries.js";
import * as idempotency from "./idempotency.js";
import * as media from "./media.js";
import * as numbers from "./numbers.js";
import * as people from "./people.js";
import * as pollClosings from "./poll-closings.js";
import * as polls from "./polls.js";
import { selectPublishedMatches } from "./reader-search.js";
import {
  auditToRow,
  blogFields,
  blogFromRow,
  changeFromRow,
  changeToRow,
  postFields,
  postFromRow,
  tokenToRow,
  userFromRow,
  userToRow,
} from "./rows.js";
import { selectSearch } from "./search.js";
import { keepServerSecret } from "./server-secrets.js";
import * as sessions from "./sessions.js";
import * as signInAttempts from "./sign-in-attempts.js";
import { SqlScope } from "./store/scope.js";
import * as syndication from "./syndication.js";
import * as tags from "./tags.js";
import { selectTimeline } from "./timeline.js";
import * as transfer from "./transfer.js";
import * as versions from "./versions.js";
import * as webhooks from "./webhooks.js";

export class SqlStore extends SqlScope implements Store {
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.inTransaction((db) =>
      work(db === this.db ? this : new SqlStore(db, this.capabilities, this.statements)),
    );
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("Close the store, not a transaction of it");
    await this.db.destroy();
  }

  async insertUser(user: NewsroomUser): Promise<void> {
    try {
      await this.db.insertInto("users").values(userToRow(user)).execute();
    } catch (error) {
      if (this.capabilities.isUniqueViolation(error, "users", "email")) {
        const message = `There is already a user with the email ${user.email}`;
        throw new DomainError("email_taken", message, { field: "email" });
      }
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<NewsroomUser | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async findUserById(id: string): Promise<NewsroomUser | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async countUsers(): Promise<number> {
    const { count } = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll().as("count"))
      .executeTakeFirstOrThrow();
    // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
    return Number(count);
  }

  async insertToken(token: ApiToken): Promise<void> {
    await this.db.insertInto("api_tokens").values(tokenToRow(token)).execute();
  }

  async findUserByTokenHash(tokenHash: string): Promise<NewsroomUser | undefined> {
    const row = await this.first(hot.userByTokenHash, { tokenHash });
    return row && userFromRow(row);
  }

  async insertBlog(blog: Blog): Promise<void> {
    await this.#guardSlug(blog.slug, () =>
      this.db
        .insertInto("blogs")
        .values({ id: blog.id, ...blogFields(blog) })
        .execute(),
    );
  }

  async updateBlog(blog: Blog): Promise<void> {
    await this.#guardSlug(blog.slug, () =>
      this.db.updateTable("blogs").set(blogFields(blog)).where("id", "=", blog.id).execute(),
    );
  }

  async #guardSlug(slug: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (this.capabilities.isUniqueViolation(error, "blogs", "slug")) {
        throw new DomainError("slug_taken", `The slug "${slug}" is already used by another blog`, {
          field: "slug",
        });
      }
      throw error;
    }
  }

  async findBlogBySlug(slug: string): Promise<Blog | undefined> {
    const row = await this.first(hot.blogBySlug, { slug });
    return row && blogFromRow(row);
  }

  async findBlogById(id: string): Promise<Blog | undefined> {
    const row = await this.first(hot.blogById, { id });
    return row && blogFromRow(row);
  }

  async listBlogs(): Promise<Blog[]> {
    const rows = await this.db
      .selectFrom("blogs")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(blogFromRow);
  }

  async lastSeq(blogId: string): Promise<number> {
    const row = await this.first(hot.blogSeq, { id: blogId });
    return row?.last_seq ?? 0;
  }

  async findBlogAt(
    slug: string,
  ): Promise<{ blog: Blog; seq: number; at: string | null } | undefined> {
    const row = await this.first(hot.blogBySlug, { slug });
    return row && { blog: blogFromRow(row), seq: row.last_seq, at: row.last_change_at };
  }

  async insertPost(post: Post): Promise<void> {
    await this.inTransaction(async (db) => {
      await this.statements.run(db, hot.insertPost, {
        id: post.id,
        blog_id: post.blogId,
        ...postFields(post),
      });
      await tags.writePostTags(db, post);
      await pollClosings.writePollClosings(db, post);
    });
  }

  async updatePost(post: Post, expectedVersion: number): Promise<boolean> {
    return this.inTransaction(async (db) => {
      const result = await db
        .updateTable("posts")
        .set(postFields(post))
        .where("id", "=", post.id)
        .where("blog_id", "=", post.blogId)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await tags.writePostTags(db, post);
      await pollClosings.writePollClosings(db, post);
      return true;
    });
  }

  insertPostVersion(version: PostVersion): Promise<void> {
    return versions.insertPostVersion(this.db, version);
  }

  listPostVersions(blogId: string, postId: string): Promise<PostVersion[]> {
    return versions.listPostVersions(this.db, blogId, postId);
  }

  deletePostVersion(blogId: string, versionId: string): Promise<void> {
    return versions.deletePostVersion(this.db, blogId, versionId);
  }

  deletePostVersions(blogId: string, postId: string): Promise<number> {
    return versions.deletePostVersions(this.db, blogId, postId);
  }

  forgetPostWords(blogId: string, postId: string): Promise<void> {
    return versions.forgetPostWords(this.db, blogId, postId);
  }

  async findPost(blogId: string, postId: string): Promise<Post | undefined> {
    const row = await this.db
      .selectFrom("posts")
      .selectAll()
      .where("id", "=", postId)
      .where("blog_id", "=", blogId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    return row && postFromRow(row);
  }

  listBlogPosts(blogId: string, statuses: readonly PostStatus[]): Promise<Post[]> {
    return transfer.listBlogPosts(this.db, blogId, statuses);
  }

  findPostAnywhere(postId: string): Promise<Post | undefined> {
    return transfer.findPostAnywhere(this.db, postId);
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

  listBylineEmails(blogId: string): Promise<Map<string, (string | null)[]>> {
    return transfer.listBylineEmails(this.db, blogId);
  }

  saveBylineEmails(
    blogId: string,
    postId: string,
    emails: (string | null)[] | null,
  ): Promise<void> {
    return transfer.saveBylineEmails(this.db, blogId, postId, emails);
  }

  async listPosts(query: PostQuery): Promise<Post[]> {
    const rows = await selectTimeline(this.db, query).execute();
    return rows.map(postFromRow);
  }

  listTags(blogId: string): Promise<TagCount[]> {
    return tags.listTags(this.db, blogId);
  }

  async searchPosts(query: PostSearch): Promise<Post[]> {
    const rows = await selectSearch(this.db, query).execute();
    return rows.map(postFromRow);
  }

  async searchPublishedPosts(query: PublishedSearch): Promise<Post[]> {
    const rows = await selectPublishedMatches(this.db, this.capabilities, query).execute();
    return rows.map(postFromRow);
  }

  async listDuePosts(now: string, limit: number): Promise<Post[]> {
    const rows = await this.db
      .selectFrom("posts")
      .selectAll()
      .where("status", "=", "scheduled")
      .where("deleted_at", "is", null)
      .where("publish_at", "<=", now)
      .orderBy("publish_at", "asc")
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
    return rows.map(postFromRow);
  }

  /**
   * Bumping blogs.last_seq first makes the sequence gap-free and strictly increasing per blog.
   * On PostgreSQL the bump also takes the blog's row lock until commit, so writers to one blog
   * commit in sequence order and a reader never sees seq N+1 before N. Called outside a
   * transaction it opens one, so the bump and the change row are never separated. The
   * entity's earlier change is superseded in the same transaction: no replay, however
   * timed, reads both or neither.
   */
  async appendChange(blogId: string, at: string, body: ChangeBody): Promise<Change> {
    return this.inTransaction(async (db) => {
      const bumped = await this.first(hot.bumpBlogSeq, { id: blogId, at }, db);
      if (!bumped) throw new DomainError("blog_not_found", `No blog with the id ${blogId}`);
      const change: Change = { ...body, blogId, seq: bumped.last_seq, at };
      const row = changeToRow(change);
      await this.statements.run(db, hot.supersedeChanges, {
        blogId,
        entityId: row.entity_id,
        seq: change.seq,
      });
      await this.statements.run(db, hot.insertChange, row);
      return change;
    });
  }

  async listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]> {
    const rows = await this.db
      .selectFrom("changes")
      .selectAll()
      .where("blog_id", "=", blogId)
      .where("seq", ">", afterSeq)
      .where("superseded_by", "is", null)
      .orderBy("seq", "asc")
      .limit(limit)
      .execute();
    return rows.map(changeFromRow);
  }

  insertAudit(entry: AuditEntry): Promise<void> {
    return this.statements.run(this.db, hot.insertAuditEvent, auditToRow(entry)).then(() => {});
  }

  listAudit(query: AuditQuery): Promise<AuditListing[]> {
    return listAudit(this.db, query);
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

  // People and sessions: the queries live in people.ts and sessions.ts.
  listUsers(): Promise<NewsroomUser[]> {
    return people.listUsers(this.db);
  }
  updateUser(user: NewsroomUser): Promise<void> {
    return people.updateUser(this.db, user);
  }
  upgradePasswordHash(userId: string, from: string, to: string): Promise<void> {
    return people.upgradePasswordHash(this.db, userId, from, to);
  }
  lockActiveAdmins(): Promise<string[]> {
    return people.lockActiveAdmins(this.db, this.capabilities);
  }
  findToken(id: string): Promise<ApiToken | undefined> {
    return people.findToken(this.db, id);
  }
  listTokens(userId?: string): Promise<ApiTokenListing[]> {
    return people.listTokens(this.db, userId);
  }
  revokeToken(id: string, at: string): Promise<boolean> {
    return people.revokeToken(this.db, id, at);
  }
  insertSession(session: Session): Promise<void> {
    return sessions.insertSession(this.db, session);
  }
  findSession(id: string): Promise<{ session: Session; user: NewsroomUser } | undefined> {
    return sessions.findSession(this.db, id);
  }
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    return sessions.touchSession(this.db, id, lastSeenAt, expiresAt);
  }
  deleteSession(id: string): Promise<void> {
    return sessions.deleteSession(this.db, id);
  }
  deleteUserSessions(userId: string, exceptId?: string): Promise<void> {
    return sessions.deleteUserSessions(this.db, userId, exceptId);
  }
  deleteExpiredSessions(now: string): Promise<void> {
    return sessions.deleteExpiredSessions(this.db, now);
  }

  // Idempotency keys: the queries live in idempotency.ts.
  findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return idempotency.findIdempotency(this.db, userId, key);
  }
  insertIdempotency(record: IdempotencyRecord): Promise<boolean> {
    return idempotency.insertIdempotency(this.db, record);
  }
  forgetIdempotency(userId: string, key: string): Promise<void> {
    return idempotency.forgetIdempotency(this.db, userId, key);
  }

  deleteIdempotencyBefore(before: string): Promise<number> {
    return idempotency.deleteIdempotencyBefore(this.db, before);
  }

  // Failed sign-ins: the queries live in sign-in-attempts.ts.
  readSignInAttempts(keys: readonly string[]): Promise<Map<string, number[]>> {
    return signInAttempts.readSignInAttempts(this.db, keys);
  }
  lockSignInAttempts(keys: readonly string[], at: string): Promise<Map<string, number[]>> {
    return signInAttempts.lockSignInAttempts(this.db, this.capabilities, keys, at);
  }
  saveSignInAttempts(key: string, times: readonly number[], at: string): Promise<void> {
    return signInAttempts.saveSignInAttempts(this.db, key, times, at);
  }
  deleteSignInAttemptsBefore(before: string): Promise<number> {
    return signInAttempts.deleteSignInAttemptsBefore(this.db, this.capabilities, before);
  }

  keepServerSecret(name: string, candidate: string, at: string): Promise<string> {
    return keepServerSecret(this.db, name, candidate, at);
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
