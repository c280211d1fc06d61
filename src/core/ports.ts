// The ports the core needs from the outside world. Implementations live in store/ and
// realtime/; the core only knows these interfaces.

import type { AlertDelivery, AlertSubscription } from "./alerts.js";
import type { AuditEntry, AuditListing, AuditQuery } from "./audit.js";
import type { Blog } from "./blog.js";
import type { Change, ChangeBody } from "./change.js";
import type { Clock } from "./clock.js";
import type { Comment, CommentStatus, HeldFor } from "./comments.js";
import type { BlockWordsFor } from "./content/block-words.js";
import type { Contribution, ContributionStatus } from "./contributions.js";
import type { PostVersion } from "./corrections.js";
import type { DeskEvent } from "./desk.js";
import type { Figure, FigureHistoryEntry } from "./figures.js";
import type { LinkCardUnfurling } from "./link-cards.js";
import type { MediaItem, MediaSearch } from "./media.js";
import type { NumbersBatch } from "./numbers.js";
import type { DuePollClosing, PollVote } from "./polls.js";
import type { Post, PostCursor, PostStatus } from "./post.js";
import type { BlogFollow, FollowedSource } from "./syndication.js";
import type { TagCount } from "./tags.js";
import type { ApiToken, ApiTokenListing, NewsroomUser, Session } from "./user.js";
import type { WebhookDelivery, WebhookEndpoint, WebhookNews } from "./webhooks.js";

export interface PostQuery {
  blogId: string;
  status: PostStatus;
  /** Only posts strictly older than this cursor (published time, then id). */
  before?: PostCursor;
  pinned?: boolean;
  keyEvent?: boolean;
  /** Only posts published at or after this instant (ISO): a day's archive. */
  publishedFrom?: string;
  /** Only posts published before this instant (ISO). */
  publishedUntil?: string;
  /** Only posts by this author (a reporter's list of drafts or submissions). */
  authorId?: string;
  /** Only posts carrying the tag with this slug (tags.ts). */
  tag?: string;
  limit: number;
}

/** A reader's search (operations/reader-search.ts): published posts holding every word. */
export interface PublishedSearch {
  blogId: string;
  /** Lower-cased words (core/reader-search.ts); never empty. */
  words: readonly string[];
  limit: number;
  /** How many of the best matches to skip (a later page of results). */
  offset: number;
}

/** A desk search (operations/search.ts): every condition given must hold. */
export interface PostSearch {
  blogId: string;
  /** Folded words (core/search.ts) each found post holds in its title or text. */
  words: readonly string[];
  /** Folded part of the author's name. */
  author?: string;
  /** The statuses to look in; never empty. */
  statuses: readonly PostStatus[];
  /**
   * Drafts and submissions only by this author (a reporter's desk shows only their own);
   * published and scheduled posts of anyone. Unset: everyone's.
   */
  ownDraftsOf?: string;
  /** Only posts strictly older than this cursor, in the order of `sortTime` (post.ts). */
  before?: PostCursor;
  limit: number;
}

export interface IdempotencyRecord {
  userId: string;
  key: string;
  blogId: string;
  requestHash: string;
  postId: string;
  createdAt: string;
}

/** Administering people and their tokens (operations/people.ts). */
export interface PeopleStore {
  /** Every user, oldest first. */
  listUsers(): Promise<NewsroomUser[]>;
  /** Writes the user's name, role, password hash, disabled time and must-change mark. */
  updateUser(user: NewsroomUser): Promise<void>;
  /**
   * Replaces a password hash with a stronger one of the same password, only if it is still
   * `from`: a password changed meanwhile is never overwritten.
   */
  upgradePasswordHash(userId: string, from: string, to: string): Promise<void>;
  /**
   * The ids of the admins who are not disabled. Call inside a transaction: their rows stay
   * locked until it ends, so two admins demoted at once, on any node, are checked one after
   * the other and the newsroom never loses its last admin.
   */
  lockActiveAdmins(): Promise<string[]>;
  findToken(id: string): Promise<ApiToken | undefined>;
  /** Tokens with their owners, newest first; only that user's when `userId` is given. */
  listTokens(userId?: string): Promise<ApiTokenListing[]>;
  /** Revokes a token that is not revoked yet; false when there was nothing to revoke. */
  revokeToken(id: string, at: string): Promise<boolean>;
}

/** Signed-in browsers (operations/sessions.ts). */
export interface SessionStore {
  insertSession(session: Session): Promise<void>;
  /** The session with this id (cookie hash) and its user, expired or not. */
  findSession(id: string): Promise<{ session: Session; user: NewsroomUser } | undefined>;
  /** Records activity and moves the expiry: sessions slide while in use. */
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of the user, except `exceptId` when given. */
  deleteUserSessions(userId: string, exceptId?: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<void>;
}

/** The media library (operations/media-library.ts). */
export interface MediaLibraryStore {
  insertMedia(item: MediaItem): Promise<void>;
  findMedia(id: string): Promise<MediaItem | undefined>;
  /** Writes the item's alt text, caption, credit and update time. */
  updateMedia(item: MediaItem): Promise<void>;
  /** Newest first (upload time, then id), holding every word asked for. */
  listMedia(query: MediaSearch): Promise<MediaItem[]>;
  /**
   * The uploads among `ids` still shown somewhere: by a post not deleted (in its words or
   * its public history) or by a blog's lead or hero image.
   */
  uploadsInUse(ids: readonly string[]): Promise<Set<string>>;
  /** Forgets an upload whose files are gone: the desk is never offered it again. */
  deleteMedia(id: string): Promise<void>;
}

/** How an attempt at a delivery ended, as the worker writes it back. */
export type WebhookAttemptRecord = Pick<
  WebhookDelivery,
  | "status"
  | "attempts"
  | "nextAttemptAt"
  | "firstAttemptAt"
  | "lastAttemptAt"
  | "lastStatus"
  | "lastError"
  | "deliveredAt"
>;

/** Readers' alert subscriptions and the alert queue (core/alerts.ts, src/alerts/). */
export interface AlertStore {
  /** Keeps a browser's subscription to a blog; the same endpoint again renews its keys. */
  saveAlertSubscription(subscription: AlertSubscription): Promise<void>;
  /** Forgets the blog's subscription at this endpoint (and its queued alerts); false if none. */
  deleteAlertSubscriptionByEndpoint(blogId: string, endpoint: string): Promise<boolean>;
  /** Forgets a subscription the push service says is gone. */
  deleteAlertSubscription(id: string): Promise<void>;
  countAlertSubscriptions(blogId: string): Promise<number>;
  /** Call inside the change's transaction: an alert per post, unless the post had one. */
  queueAlerts(posts: readonly { blogId: string; postId: string }[], at: string): Promise<void>;
  /** One delivery per subscriber of up to `limit` waiting alerts; how many alerts that was. */
  fanOutAlerts(now: string, limit: number): Promise<number>;
  /** Due deliveries no other worker holds, leased to `owner` until `leaseUntil`. */
  claimAlertDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<AlertDelivery[]>;
  /** Sent or given up: removed, if `owner` still holds it. */
  finishAlertDelivery(id: string, owner: string): Promise<void>;
  retryAlertDelivery(
    id: string,
    owner: string,
    retry: { attempts: number; nextAttemptAt: string; error: string },
  ): Promise<void>;
}

/** Webhook endpoints and their durable delivery queue (operations/webhooks.ts, src/webhooks/). */
export interface WebhookStore {
  insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  updateWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Deletes the endpoint and its deliveries; false when there was none. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  findWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Oldest first. */
  listWebhookEndpoints(): Promise<WebhookEndpoint[]>;
  /**
   * Queues a delivery of each piece of news to every enabled endpoint that wants it. Call
   * inside the transaction of the change that made the news; returns how many were queued.
   */
  enqueueWebhookNews(news: readonly WebhookNews[], at: string): Promise<number>;
  /** Newest first; `before` is the id of the last delivery of the previous page. */
  listWebhookDeliveries(
    endpointId: string,
    page: { before?: string; limit: number },
  ): Promise<WebhookDelivery[]>;
  findWebhookDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined>;
  /** Puts a delivery back in the queue, due now, for a new 24 h series of attempts. */
  resendWebhookDelivery(endpointId: string, id: string, at: string): Promise<boolean>;
  /**
   * Takes up to `limit` due deliveries for `owner` until `leaseUntil`: none that another
   * worker holds under an unexpired lease, and none twice, across every node; none for the
   * endpoints in `skipEndpoints` (those this worker is busy with already).
   */
  claimWebhookDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
    skipEndpoints?: readonly string[],
  ): Promise<WebhookDelivery[]>;
  /** Writes an attempt's outcome and frees the lease, if `owner` still holds it. */
  finishWebhookAttempt(id: string, owner: string, outcome: WebhookAttemptRecord): Promise<boolean>;
  /** Forgets delivered deliveries older than `deliveredBefore`, failed ones before `failedBefore`. */
  pruneWebhookDeliveries(deliveredBefore: string, failedBefore: string): Promise<number>;
}

/** Moving a blog out and in (operations/transfer/). */
export interface TransferStore {
  /** The posts of a blog with these statuses, deleted ones left out, in no particular order. */
  listBlogPosts(blogId: string, statuses: readonly PostStatus[]): Promise<Post[]>;
  /** A post with this id in any blog, deleted or not: an import keeps ids, which must not collide. */
  findPostAnywhere(postId: string): Promise<Post | undefined>;
  /** Per post of the blog: the e-mails its imported free-text bylines were named with. */
  listBylineEmails(blogId: string): Promise<Map<string, (string | null)[]>>;
  /** Keeps (or, with null, forgets) a post's imported byline e-mails, aligned with its bylines. */
  saveBylineEmails(blogId: string, postId: string, emails: (string | null)[] | null): Promise<void>;
}

/** Follows of other blogs and the posts they brought (operations/follow.ts, syndicate.ts). */
export interface SyndicationStore {
  findFollow(blogId: string): Promise<BlogFollow | undefined>;
  listFollows(): Promise<BlogFollow[]>;
  /** Writes a new follow, or replaces the blog's follow (progress starts afresh). */
  saveFollow(follow: BlogFollow): Promise<void>;
  /** Ends the blog's follow; false when it followed nothing. */
  deleteFollow(blogId: string): Promise<boolean>;
  /**
   * Takes or renews the lease on a follow's stream for `owner` until `until`, if no other
   * owner holds an unexpired one; true when `owner` holds it now.
   */
  takeFollowLease(blogId: string, owner: string, now: string, until: string): Promise<boolean>;
  releaseFollowLease(blogId: string, owner: string): Promise<void>;
  /**
   * Records event `seq` of the source as applied, only if the follow still follows that
   * source with the same settings and has not applied it (or a later one) yet; false otherwise. Call inside the
   * transaction that applies the event, first, so a replayed event changes nothing.
   */
  advanceFollow(blogId: string, follow: FollowedSource, seq: number, at: string): Promise<boolean>;
  /** After a resync: the follow continues from `seq` (never moves back). */
  resumeFollowAt(blogId: string, follow: FollowedSource, seq: number): Promise<void>;
  /** The follow's stream status: connected since, the last error, the source's title. */
  recordFollowStatus(
    blogId: string,
    sourceUrl: string,
    status: {
      connectedAt?: string | null;
      error?: { message: string; at: string } | null;
      sourceTitle?: string;
    },
  ): Promise<void>;
  /** The local post standing for a source post. */
  findSyndicated(
    blogId: string,
    sourceUrl: string,
    sourcePostId: string,
  ): Promise<string | undefined>;
  /** Source post ids and their local posts. */
  listSyndicated(
    blogId: string,
    sourceUrl: string,
  ): Promise<{ sourcePostId: string; postId: string }[]>;
  saveSyndicated(
    blogId: string,
    sourceUrl: string,
    sourcePostId: string,
    postId: string,
  ): Promise<void>;
  forgetSyndicated(blogId: string, sourceUrl: string, sourcePostId: string): Promise<void>;
  /** How many posts the blog holds from that source. */
  countSyndicated(blogId: string, sourceUrl: string): Promise<number>;
}

/** A blog's key figures and their history (core/figures.ts, operations/figures.ts). */
export interface FigureStore {
  /** The blog's figures with their current values, in the box's order. */
  listFigures(blogId: string): Promise<Figure[]>;
  /** Keeps a reader's vote; false when this voter has voted in this poll already. */
  castPollVote(vote: PollVote): Promise<boolean>;
  /** The votes of a poll per answer id, counted by the database. */
  countPollVotes(pollId: string): Promise<Record<string, number>>;
  /** Polls of published posts whose closing time is at or before `now`, not yet announced. */
  listDuePollClosings(now: string, limit: number): Promise<DuePollClosing[]>;
  /** Marks a poll's closing announced; false if another node did or its closing time moved. */
  claimPollClosing(closing: DuePollClosing, at: string): Promise<boolean>;
  findFigure(blogId: string, figureId: string): Promise<Figure | undefined>;
  /** Writes the figure; each current value it no longer holds becomes history at `at`. */
  saveFigure(figure: Figure, at: string): Promise<void>;
  /** The values the figure showed before, newest replaced first. */
  listFigureHistory(figureId: string): Promise<FigureHistoryEntry[]>;
  /** An imported figure's history, as it was. */
  insertFigureHistory(
    figure: Pick<Figure, "id" | "blogId">,
    history: readonly FigureHistoryEntry[],
  ): Promise<void>;
  /** Removes the figure with its history; false if there was none. */
  deleteFigure(blogId: string, figureId: string): Promise<boolean>;
}

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

/** The desk's numbers (core/numbers.ts): counts added by every node, read summed. */
export interface NumbersStore {
  /** Adds a flush's counts in one transaction; a reader sample replaces its node's own. */
  addNumbers(batch: NumbersBatch): Promise<void>;
  /** Readers per minute start from `fromMinute` on, every node's sample summed. */
  sumReaders(blogId: string, fromMinute: string): Promise<Map<string, number>>;
  /** The posts most opened (then shared) from `fromHour` on. */
  topPosts(
    blogId: string,
    fromHour: string,
    limit: number,
  ): Promise<{ postId: string; opens: number; shares: number }[]>;
  /** Embed loads per host page from `fromHour` on, most first. */
  embedHosts(
    blogId: string,
    fromHour: string,
    limit: number,
  ): Promise<{ host: string; loads: number }[]>;
  /** Forgets samples and counters from before `before`; returns how many rows went. */
  pruneNumbers(before: string): Promise<number>;
}

/** Which comments the moderation screen lists. */
export type CommentQueue = "pending" | "reported";

/** A comment's moderation, as an editor or readers' reports change it. */
export interface CommentUpdate {
  status: CommentStatus;
  heldFor: HeldFor | null;
  moderatedAt: string | null;
  /** Forget its reports (an editor approved it after looking). */
  clearReports?: boolean;
}

/** Readers' comments (operations/comments.ts). */
export interface CommentStore {
  insertComment(comment: Comment): Promise<void>;
  findComment(commentId: string): Promise<Comment | undefined>;
  /** Writes the moderation; a rejected comment's name and words are emptied. */
  updateComment(commentId: string, update: CommentUpdate): Promise<void>;
  /** Approved top-level comments, oldest first, after the comment id `after`. */
  listApprovedComments(blogId: string, page: { after?: string; limit: number }): Promise<Comment[]>;
  /** Approved replies to these comments, oldest first. */
  listApprovedReplies(blogId: string, parentIds: readonly string[]): Promise<Comment[]>;
  listCommentQueue(blogId: string, queue: CommentQueue, limit: number): Promise<Comment[]>;
  /** When this address sent comments to the blog since `since`, oldest first. */
  listRecentCommentTimes(blogId: string, addressKey: string, since: string): Promise<string[]>;
  /** Counts a report; false when the address reported this comment already. */
  reportComment(commentId: string, addressKey: string, at: string): Promise<boolean>;
  /** Empties the words of every change about the comment (it was taken down). */
  forgetCommentWords(blogId: string, commentId: string): Promise<void>;
}

export interface Store
  extends PeopleStore,
    ContributionStore,
    CommentStore,
    FigureStore,
    NumbersStore,
    SessionStore,
    MediaLibraryStore,
    WebhookStore,
    AlertStore,
    TransferStore,
    SyndicationStore {
  /** Runs `work` in one transaction; the store it is given reads and writes inside it. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  insertUser(user: NewsroomUser): Promise<void>;
  findUserByEmail(email: string): Promise<NewsroomUser | undefined>;
  findUserById(id: string): Promise<NewsroomUser | undefined>;
  countUsers(): Promise<number>;
  insertToken(token: ApiToken): Promise<void>;
  /** The user owning an unrevoked token with this hash. */
  findUserByTokenHash(tokenHash: string): Promise<NewsroomUser | undefined>;

  /** Throws DomainError `slug_taken` when the slug is in use. */
  insertBlog(blog: Blog): Promise<void>;
  updateBlog(blog: Blog): Promise<void>;
  findBlogBySlug(slug: string): Promise<Blog | undefined>;
  findBlogById(id: string): Promise<Blog | undefined>;
  listBlogs(): Promise<Blog[]>;
  /** The blog's latest change sequence, 0 before its first change. */
  lastSeq(blogId: string): Promise<number>;
  /**
   * A blog with its latest change's sequence and time, read together from one row: the blog
   * is exactly as it stood at that sequence.
   */
  findBlogAt(slug: string): Promise<{ blog: Blog; seq: number; at: string | null } | undefined>;

  insertPost(post: Post): Promise<void>;
  /** Writes `post` if the stored version is still `expectedVersion`; false if not. */
  updatePost(post: Post, expectedVersion: number): Promise<boolean>;
  /** A post that has not been deleted. */
  findPost(blogId: string, postId: string): Promise<Post | undefined>;
  /** Keeps the words a published post showed before a change (core/corrections.ts). */
  insertPostVersion(version: PostVersion): Promise<void>;
  /** A post's earlier public words, newest first. */
  listPostVersions(blogId: string, postId: string): Promise<PostVersion[]>;
  /** Deletes one version: words a post showed when withdrawn, published again unchanged. */
  deletePostVersion(blogId: string, versionId: string): Promise<void>;
  /** Deletes a post's whole history (a legal takedown); returns how many versions went. */
  deletePostVersions(blogId: string, postId: string): Promise<number>;
  /**
   * Empties the words of every change about the post (a takedown): each becomes the delete
   * the latest one already is, so no replay, export or backup of the change log keeps them.
   */
  forgetPostWords(blogId: string, postId: string): Promise<void>;
  /** Newest first: by published time (created time for drafts), then id. */
  listPosts(query: PostQuery): Promise<Post[]>;
  /** The tags of a blog's published posts with how many carry each, most used first. */
  listTags(blogId: string): Promise<TagCount[]>;
  /**
   * Posts that are not deleted and match the search, newest first by `sortTime` (when they
   * went out, are due, or were started), then id.
   */
  searchPosts(query: PostSearch): Promise<Post[]>;
  /**
   * A blog's published, undeleted posts holding every word, from the full-text index: best
   * match first, then newest.
   */
  searchPublishedPosts(query: PublishedSearch): Promise<Post[]>;
  /** Scheduled posts whose time has come, across all blogs, oldest first. */
  listDuePosts(now: string, limit: number): Promise<Post[]>;

  /**
   * Appends a change with the blog's next sequence; call inside the transaction that made it.
   * It supersedes the earlier change about the same post (or the blog itself).
   */
  appendChange(blogId: string, at: string, body: ChangeBody): Promise<Change>;
  /**
   * Changes with sequence greater than `afterSeq`, in order, leaving out those superseded by
   * a later change about the same post or blog: each appears once, as it is now, or as a
   * delete. Sequences then skip numbers; they still strictly increase.
   */
  listChanges(blogId: string, afterSeq: number, limit: number): Promise<Change[]>;

  insertAudit(entry: AuditEntry): Promise<void>;
  /** Newest first, narrowed by the query; `before` is the id of the last entry of the previous page. */
  listAudit(query: AuditQuery): Promise<AuditListing[]>;

  findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Returns false if a record with this user and key already exists. */
  insertIdempotency(record: IdempotencyRecord): Promise<boolean>;
  /** Forgets the records made before `before` (ISO time); returns how many. */
  deleteIdempotencyBefore(before: string): Promise<number>;
  /** Forgets one user's key, so the key can be used afresh. */
  forgetIdempotency(userId: string, key: string): Promise<void>;

  /** The times (ms) of the failed sign-ins recorded for each of `keys`, without locking. */
  readSignInAttempts(keys: readonly string[]): Promise<Map<string, number[]>>;
  /**
   * The times (ms) of the failed sign-ins recorded for each of `keys` ("email:…",
   * "address:…"). Call inside a transaction: the keys stay locked until it ends, so attempts
   * on the same email or address, on any node, are checked one after the other.
   */
  lockSignInAttempts(keys: readonly string[], at: string): Promise<Map<string, number[]>>;
  /** Records the key's attempts (those still inside the window); none forgets the key. */
  saveSignInAttempts(key: string, times: readonly number[], at: string): Promise<void>;
  /** Forgets keys with no attempt recorded since `before` (ISO time); returns how many. */
  deleteSignInAttemptsBefore(before: string): Promise<number>;

  /**
   * Keeps `candidate` as the server's secret `name` unless one is kept already; returns the
   * kept one, the same on every node.
   */
  keepServerSecret(name: string, candidate: string, at: string): Promise<string>;
}

/** Carries committed changes to every node's live readers. */
export interface Broadcaster {
  publish(change: Change): Promise<void>;
  /** Calls `listener` with every change published on any node; returns an unsubscribe. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Desk events (newsroom only, not logged): best effort, to every node. */
  publishDesk(event: DeskEvent): Promise<void>;
  subscribeDesk(listener: (event: DeskEvent) => void): () => void;
  close(): Promise<void>;
}

/** What every core operation is given. */
export interface Newsroom {
  store: Store;
  broadcaster: Broadcaster;
  clock: Clock;
  /** Reads link cards after a publish; without it, links stay plain cards (CLI, tests). */
  linkCards?: LinkCardUnfurling;
  /** The interface words a post's stored HTML carries, in a blog's language. */
  blockWords: BlockWordsFor;
}

/** A stored media file. The bytes are opened lazily so a 304 or a HEAD never touches them. */
export interface MediaFile {
  contentType: string;
  size: number;
  modifiedAt: Date;
  open(): NodeJS.ReadableStream;
}

/**
 * Where uploaded images (and the demo's illustrations) are kept. Keys are relative paths
 * such as `u/<id>/960.webp`; they are served at `/media/<key>`.
 */
export interface MediaStore {
  /** Stores `data` under `key`; readers see the old file or the whole new one, never a part. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file under `key`, or undefined when there is none or the key is not a media key. */
  get(key: string): Promise<MediaFile | undefined>;
  /** Deletes the folder `prefix` and every file in it; nothing there is not an error. */
  removeFolder(prefix: string): Promise<void>;
}
