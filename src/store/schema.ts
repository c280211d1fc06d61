// The database as Kysely sees it: one interface per table. Columns use only types both
// backends return identically (text, integer), so a row read from SQLite and one read from
// PostgreSQL map to the same domain object: timestamps are ISO-8601 UTC text (they sort
// correctly as text), JSON is text, booleans are integers 0/1, and no column is int8 (pg
// would return it as a string).

import type { Generated } from "kysely";

/** 0 or 1. */
export type IntBoolean = number;
/** An ISO-8601 UTC timestamp from `Date#toISOString()`. */
export type Timestamp = string;
/** JSON text. */
export type JsonText = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
  title: Generated<string | null>;
  /** A `/media/…` path. */
  avatar: Generated<string | null>;
  /** 1 while the password is a temporary one an admin set (see 0007). */
  must_change_password: Generated<IntBoolean>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  label: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface BlogsTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  intro: JsonText;
  /** JSON text, or null when the blog has no hero image. */
  hero: JsonText | null;
  source_note: string;
  status: string;
  language: string;
  timezone: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  reporter_mode: Generated<string>;
  /** The sequence of the blog's latest change; bumped by every appended change. */
  last_seq: Generated<number>;
  /** When the latest change was appended (null only for blogs older than the column). */
  last_change_at: Generated<Timestamp | null>;
  /** Slugs of the blogs before and after this one in a continuing story (0020). */
  previous_blog: Generated<string | null>;
  next_blog: Generated<string | null>;
  /** JSON text of the blog's ad slots rule (0024), or null: none. */
  ad_slots: Generated<JsonText | null>;
  contributions: Generated<JsonText | null>;
  /** JSON text of the blog's comment settings (0029), or null: comments off. */
  comment_settings: Generated<JsonText | null>;
}

export interface PostsTable {
  id: string;
  blog_id: string;
  title: string;
  blocks: JsonText;
  html: string;
  author_id: string;
  author_name: string;
  pinned: IntBoolean;
  key_event: IntBoolean;
  status: string;
  publish_at: Timestamp | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
  /** The post's bylines as a JSON array; "[]" for posts older than bylines. */
  bylines: JsonText;
  /** When a published post's words (title or body) last changed: "Updated 14:32". */
  content_updated_at: Timestamp | null;
  /** JSON {note, at}: the latest correction note readers see on the post. */
  correction: JsonText | null;
  /** JSON {note, by: {id, name}, at} while a returned submission waits for its reporter. */
  return_note: JsonText | null;
  /** JSON {url, blog?, host} on a post syndicated from a followed blog. */
  origin: JsonText | null;
  /** JSON {text, url?}: the post's source line (core/attribution.ts). */
  source: JsonText | null;
  /** JSON {state, note?}: confirmed, unconfirmed or disputed. */
  verification: JsonText | null;
  /** JSON array of the post's tags in the desk's order (core/tags.ts); "[]" when none (0021). */
  tags: JsonText;
  /** The title and body's words, folded for the desk's search (core/search.ts). */
  search_text: string;
  /** The byline, folded for the desk's search. */
  search_author: string;
}

export interface ChangesTable {
  blog_id: string;
  seq: number;
  at: Timestamp;
  kind: string;
  /** The post or blog the change is about, so purges can find changes without parsing bodies. */
  entity_id: string;
  /** The whole ChangeBody as JSON. */
  body: JsonText;
  /**
   * The sequence of the later change about the same entity, which replays carry instead;
   * null while this row is the entity's latest.
   */
  superseded_by: number | null;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  blog_id: string;
  request_hash: string;
  post_id: string;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  blog_id: string | null;
  post_id: string | null;
  detail: JsonText | null;
}

export interface SessionsTable {
  /** SHA-256 hex of the cookie value. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface SignInAttemptsTable {
  /** "pair:EMAIL ADDRESS", "email:…", "address:…", "device:…" or "notice:…" (see the limiter). */
  key: string;
  /** The times (ms since the epoch) of the key's attempts inside the window, as a JSON array. */
  times: JsonText;
  updated_at: Timestamp;
}

export interface ServerSecretsTable {
  /** What the secret is for, e.g. "device-cookie". */
  name: string;
  /** The secret itself (base64url). */
  value: string;
  created_at: Timestamp;
}

export interface MediaTable {
  id: string;
  /** The path an image block uses: `/media/u/<id>/1600.jpg`. */
  src: string;
  width: number;
  height: number;
  /** The name of the file as it was uploaded, for finding it again. */
  file_name: string;
  uploader_id: string | null;
  uploader_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  alt: string;
  caption: string;
  credit: string;
  /** File name, alt text, caption, credit and uploader, folded for search (core/search.ts). */
  search_text: string;
}

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** JSON array of blog ids; null for every blog. */
  blog_ids: JsonText | null;
  /** JSON array of event types. */
  events: JsonText;
  enabled: IntBoolean;
  /** `whsec_…`, kept as given: the server signs with it (see docs/DISTRIBUTION.md). */
  secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  /** The `webhook-id` of every attempt. */
  id: string;
  endpoint_id: string;
  event_type: string;
  blog_id: string;
  post_id: string | null;
  created_at: Timestamp;
  /** pending, delivered or failed. */
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  first_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  /** The worker sending it now, until lease_expires_at; another may take it after. */
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
}

/** Imported free-text bylines' e-mails (migration 0015, operations/transfer/). */
export interface ImportedBylineEmailsTable {
  post_id: string;
  blog_id: string;
  /** JSON array aligned with the post's bylines: an e-mail or null per byline. */
  emails: JsonText;
}

export interface BlogFollowsTable {
  /** A blog follows at most one source. */
  blog_id: string;
  source_url: string;
  source_title: string;
  key_events_only: IntBoolean;
  created_at: Timestamp;
  created_by: string;
  created_by_name: string;
  /** The last source change sequence applied, written in the transaction that applied it. */
  last_event_id: number | null;
  events_applied: number;
  connected_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  last_event_at: Timestamp | null;
  /** The node holding the source's stream, until `lease_until` (renewed every few seconds). */
  lease_owner: string | null;
  lease_until: Timestamp | null;
}

export interface SyndicatedPostsTable {
  blog_id: string;
  source_url: string;
  source_post_id: string;
  post_id: string;
}

/** The words a published post showed before a change (see migration 0017). */
export interface PostVersionsTable {
  id: string;
  blog_id: string;
  post_id: string;
  title: string;
  blocks: JsonText;
  html: string;
  shown_from: Timestamp;
  replaced_at: Timestamp;
  note: string | null;
  /** The source line then, JSON {text, url?} (migration 0032); null for none. */
  source: JsonText | null;
}

/** A blog's key figures (migration 0019, core/figures.ts). */
export interface FiguresTable {
  id: string;
  blog_id: string;
  label: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A figure's values: current while `replaced_at` is null, its history after. */
export interface FigureValuesTable {
  id: string;
  figure_id: string;
  blog_id: string;
  slot: number;
  /** Decimal text: both backends read back the same number. */
  value: string;
  qualifier: string | null;
  unit: string;
  source_name: string;
  source_url: string | null;
  as_of: Timestamp;
  recorded_at: Timestamp;
  replaced_at: Timestamp | null;
}

/** One tag of a published, undeleted post: what readers filter and count by (0021). */
export interface PostTagsTable {
  blog_id: string;
  post_id: string;
  slug: string;
  tag: string;
  published_at: Timestamp;
}

/** Readers' comments (0029); a rejected one keeps its row with its words emptied. */
export interface CommentsTable {
  id: string;
  blog_id: string;
  parent_id: string | null;
  name: string;
  text: string;
  status: string;
  held_for: string | null;
  reports: number;
  address_key: string;
  created_at: Timestamp;
  moderated_at: Timestamp | null;
}

/** One report per address per comment (0029): the key refuses a second. */
export interface CommentReportsTable {
  comment_id: string;
  address_key: string;
  at: Timestamp;
}

export interface PollVotesTable {
  poll_id: string;
  voter: string;
  post_id: string;
  answer_id: string;
  at: Timestamp;
}

/** When a poll closes, and whether readers have been told (migration 0030). */
export interface PollClosingsTable {
  poll_id: string;
  post_id: string;
  closes_at: Timestamp;
  announced_at: Timestamp | null;
}

/** A browser subscribed to a blog's key events (see 0026): its push service and keys. */
export interface AlertSubscriptionsTable {
  id: string;
  blog_id: string;
  /** The push service's https URL for this browser. */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url), for RFC 8291. */
  p256dh: string;
  auth: string;
  created_at: Timestamp;
}

/** One per post ever made a key event. */
export interface AlertsTable {
  post_id: string;
  blog_id: string;
  created_at: Timestamp;
  fanned_out_at: Timestamp | null;
}

/** One alert to one subscriber, until sent or given up. */
export interface AlertDeliveriesTable {
  id: string;
  post_id: string;
  subscription_id: string;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
}

/** A reader's question or eyewitness account in the moderation queue (0028). */
export interface ContributionsTable {
  id: string;
  blog_id: string;
  kind: string;
  text: string;
  name: string;
  contact: string | null;
  sender: string | null;
  status: string;
  received_at: Timestamp;
  decided_at: Timestamp | null;
  answer_post_id: string | null;
  erased_at: Timestamp | null;
  /** The reader's photo as JSON ({ id, width, height }), or null (0031). */
  photo: Generated<JsonText | null>;
}

/** Senders refused: the keyed hash of their address alone (0028). */
export interface ContributionBlocksTable {
  sender: string;
  blocked_at: Timestamp;
}

/** Contribution challenges already used, kept until they expire anyway (0028). */
export interface SpentChallengesTable {
  id: string;
  expires_at: Timestamp;
}

/** One node's count of a blog's live readers in one minute (0027). */
export interface ReaderMinutesTable {
  blog_id: string;
  minute: Timestamp;
  node: string;
  readers: number;
}

/** A post's permalink opens and shares in one hour, added to by every node (0027). */
export interface PostNumbersTable {
  blog_id: string;
  post_id: string;
  hour: Timestamp;
  opens: number;
  shares: number;
}

/** A blog's embed loads from one host page in one hour (0027). */
export interface EmbedNumbersTable {
  blog_id: string;
  host: string;
  hour: Timestamp;
  loads: number;
}

export interface Database {
  alert_subscriptions: AlertSubscriptionsTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  contributions: ContributionsTable;
  contribution_blocks: ContributionBlocksTable;
  spent_challenges: SpentChallengesTable;
  reader_minutes: ReaderMinutesTable;
  post_numbers: PostNumbersTable;
  embed_numbers: EmbedNumbersTable;
  poll_votes: PollVotesTable;
  poll_closings: PollClosingsTable;
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  post_tags: PostTagsTable;
  post_versions: PostVersionsTable;
  figures: FiguresTable;
  figure_values: FigureValuesTable;
  media: MediaTable;
  imported_byline_emails: ImportedBylineEmailsTable;
  audit_events: AuditEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  blogs: BlogsTable;
  posts: PostsTable;
  changes: ChangesTable;
  idempotency_keys: IdempotencyKeysTable;
  sign_in_attempts: SignInAttemptsTable;
  server_secrets: ServerSecretsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  blog_follows: BlogFollowsTable;
  syndicated_posts: SyndicatedPostsTable;
}
