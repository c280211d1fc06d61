// The ports the core needs from the outside world. Implementations live in store/ and
// realtime/; the core only knows these interfaces. Each concern's part of the Store is in
// ports/; this module assembles the Store and is the one the rest of the code imports from.

import type { Clock } from "./clock.js";
import type { BlockWordsFor } from "./content/block-words.js";
import type { LinkCardUnfurling } from "./link-cards.js";
import type { AlertStore } from "./ports/alerts.js";
import type { AuditStore } from "./ports/audit.js";
import type { BlogStore, ChangeStore } from "./ports/blogs.js";
import type { Broadcaster } from "./ports/broadcaster.js";
import type { CommentStore } from "./ports/comments.js";
import type { ContributionStore } from "./ports/contributions.js";
import type { CorrectionStore } from "./ports/corrections.js";
import type { FigureStore } from "./ports/figures.js";
import type { MediaLibraryStore } from "./ports/media.js";
import type { NumbersStore } from "./ports/numbers.js";
import type { PeopleStore, UserStore } from "./ports/people.js";
import type { PollStore } from "./ports/polls.js";
import type { IdempotencyStore, PostStore } from "./ports/posts.js";
import type { ServerSecretStore, SessionStore, SignInAttemptStore } from "./ports/sessions.js";
import type { SyndicationStore } from "./ports/syndication.js";
import type { TransferStore } from "./ports/transfer.js";
import type { WebhookStore } from "./ports/webhooks.js";

export type { AlertStore } from "./ports/alerts.js";
export type { AuditStore } from "./ports/audit.js";
export type { BlogStore, ChangeStore } from "./ports/blogs.js";
export type { Broadcaster } from "./ports/broadcaster.js";
export type { CommentQueue, CommentStore, CommentUpdate } from "./ports/comments.js";
export type { ContributionQuery, ContributionStore } from "./ports/contributions.js";
export type { CorrectionStore } from "./ports/corrections.js";
export type { FigureStore } from "./ports/figures.js";
export type { MediaFile, MediaLibraryStore, MediaStore } from "./ports/media.js";
export type { NumbersStore } from "./ports/numbers.js";
export type { PeopleStore, UserStore } from "./ports/people.js";
export type { PollStore } from "./ports/polls.js";
export type {
  IdempotencyRecord,
  IdempotencyStore,
  PostQuery,
  PostSearch,
  PostStore,
  PublishedSearch,
} from "./ports/posts.js";
export type { ServerSecretStore, SessionStore, SignInAttemptStore } from "./ports/sessions.js";
export type { SyndicationStore } from "./ports/syndication.js";
export type { TransferStore } from "./ports/transfer.js";
export type { WebhookAttemptRecord, WebhookStore } from "./ports/webhooks.js";

/** Everything the core keeps: every concern's part, and transactions over all of them. */
export interface Store
  extends UserStore,
    PeopleStore,
    SessionStore,
    SignInAttemptStore,
    ServerSecretStore,
    BlogStore,
    ChangeStore,
    AuditStore,
    PostStore,
    CorrectionStore,
    IdempotencyStore,
    TransferStore,
    MediaLibraryStore,
    PollStore,
    FigureStore,
    CommentStore,
    ContributionStore,
    NumbersStore,
    WebhookStore,
    AlertStore,
    SyndicationStore {
  /** Runs `work` in one transaction; the store it is given reads and writes inside it. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
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
