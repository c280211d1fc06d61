// The JSON the newsroom app reads and writes, as CONTRACT.md and docs/NEWSROOM-API.md give it.
// Content blocks come from the core's schema so the app and the server cannot drift apart.

import type { Block, Image } from "../../core/content/blocks";

export type { Block, Image };

export type Role = "admin" | "editor" | "reporter";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True after an admin reset the password: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
  disabled?: boolean;
  createdAt?: string;
  title?: string;
  avatar?: string;
}

/** A colleague the byline picker offers. */
export interface Contributor {
  id: string;
  name: string;
  title?: string;
  avatar?: string;
}

/** A post's byline as the API gives it. */
export interface Byline {
  name: string;
  title?: string;
  avatar?: string;
  userId?: string;
  kind?: "organization" | "person";
}

/** A byline as the composer asks for it: a colleague, or a free-text agency or guest. */
export type BylineChoice = { userId: string } | { name: string; kind: "organization" | "person" };

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Blog {
  slug: string;
  title: string;
  summary: string;
  intro: Block[];
  hero: Image | null;
  sourceNote: string;
  status: "live" | "closed";
  reporterMode?: "publish" | "approval";
  language: string;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** When the coverage last changed (a post published, edited or deleted, or the blog). */
  lastChangeAt?: string;
  /** Slugs of the blogs before and after this one in a continuing story. */
  previousBlog?: string | null;
  nextBlog?: string | null;
  /** Ad slots on the live page: one after every `every`th update, `height` px tall. */
  adSlots?: { every: number; height: number } | null;
  /** Whether readers may send questions and what they see, and the form's prompt. */
  contributions?: { enabled: boolean; prompt?: string } | null;
  /** Readers' comments: off, each read by an editor first (pre), or out at once (post). */
  comments?: "off" | "pre" | "post";
  commentsClosed?: boolean;
  /** Comments one address may send per hour. */
  commentsPerHour?: number;
  /** Words that hold a comment for moderation (newsroom answers only). */
  commentWords?: string[];
}

/** A reader's comment as the moderation screen sees it. */
export interface ReaderComment {
  id: string;
  parentId: string | null;
  name: string;
  text: string;
  createdAt: string;
  status: "pending" | "approved" | "rejected";
  /** Why it waits: the blog's pre-moderation, a blocked word, or readers' reports. */
  heldFor: "moderation" | "words" | "reports" | null;
  reports: number;
  moderatedAt: string | null;
}

export type PostStatus = "published" | "draft" | "scheduled" | "submitted";

export interface Post {
  id: string;
  title: string;
  blocks: Block[];
  html: string;
  author: { name: string; id?: string };
  bylines?: Byline[];
  pinned: boolean;
  keyEvent: boolean;
  status: PostStatus;
  publishAt?: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  /** On a returned submission: the editor's note. */
  returnNote?: { note: string; by: { name: string }; at: string };
  /** A post from a followed blog: where it came from. */
  origin?: { url: string; blog?: string; host: string };
  /** Who the information comes from, with an optional link. */
  source?: PostSource;
  verification?: Verification;
  /** Labels readers can follow; empty when none. */
  tags?: string[];
}

export interface PostSource {
  text: string;
  url?: string;
}

export type VerificationState = "confirmed" | "unconfirmed" | "disputed";

export interface Verification {
  state: VerificationState;
  note?: string;
}

/** GET /api/blogs/:slug/follow. */
export interface FollowStatus {
  following: boolean;
  source?: string;
  sourceTitle?: string;
  keyEventsOnly?: boolean;
  since?: string;
  connected?: boolean;
  lastError?: { message: string; at: string };
  lastEventId?: number | null;
  lastEventAt?: string;
  posts?: number;
}

export interface PostPage {
  posts: Post[];
  /** Cursor of the next, older page; absent on the last page. */
  next?: string;
}

/** What the desk searches for; empty fields are left out. */
export interface PostSearch {
  q?: string;
  author?: string;
  /** One status, or several separated by commas. */
  status?: string;
}

export interface PostBody {
  title?: string;
  blocks?: Block[];
  pinned?: boolean;
  keyEvent?: boolean;
  status?: "published" | "draft" | "scheduled";
  publishAt?: string | null;
  bylines?: BylineChoice[];
  /** Editors: the displayed time of a published post. */
  publishedAt?: string;
  /** null removes the source line or the verification. */
  source?: PostSource | null;
  verification?: Verification | null;
  /** Replaces the post's tags. */
  tags?: string[];
  /** A correction note readers see, sent with a change of a published post's words. */
  correction?: string;
  version?: number;
}

export interface Person {
  userId: string;
  name: string;
  editing: string | null;
}

/** A post leaving the desk: made public, or deleted (then with who did it and when). */
export interface DeskRemoval {
  id: string;
  by?: { id: string; name: string };
  at?: string;
}

export interface Token {
  id: string;
  label: string;
  user: { id: string; name: string; email: string };
  createdAt: string;
  revokedAt?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  /** The blog's slug and title as they are now; absent once the blog is gone. */
  blog?: string;
  blogTitle?: string;
  postId?: string;
  post?: AuditPost;
  detail?: unknown;
}

/** An audit entry's post as it is now (deleted ones too: the log is for admins). */
export interface AuditPost {
  id: string;
  title: string;
  status: string;
  author?: { name: string };
  deleted?: true;
  /** The reader's page, while the post is published. */
  permalink?: string;
}

/** What the audit screen narrows the log to; each is optional. */
export interface AuditFilter {
  actor?: string;
  blog?: string;
  action?: string;
}

export interface MediaUpload {
  id: string;
  src: string;
  width: number;
  height: number;
  variants?: { width: number; type: string; src: string }[];
}

/** An earlier upload in the media library, with the words it was last published with. */
export interface MediaItem {
  id: string;
  src: string;
  /** The small variant, for thumbnails. */
  thumbnail: string;
  width: number;
  height: number;
  fileName: string;
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: { name: string };
  createdAt: string;
}

export const canEditBlogs = (user: User) => user.role === "admin" || user.role === "editor";

export type WebhookEventType =
  | "post.published"
  | "post.updated"
  | "post.deleted"
  | "blog.opened"
  | "blog.closed"
  | "blog.updated"
  | "figures.updated";

export interface Webhook {
  id: string;
  url: string;
  description: string;
  blogs: "all" | string[];
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  url: string;
  description: string;
  blogs: "all" | string[];
  events: WebhookEventType[];
  enabled: boolean;
}

export interface WebhookDelivery {
  id: string;
  type: WebhookEventType;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** One source's value of a key figure (GET /api/blogs/:slug/figures). */
export interface FigureValue {
  value: number;
  qualifier: "at least" | "about" | "at most" | "more than" | "fewer than" | null;
  unit: string;
  source: { name: string; url: string | null };
  asOf: string;
}

export interface Figure {
  id: string;
  label: string;
  position: number;
  values: FigureValue[];
  history: (FigureValue & { recordedAt: string; replacedAt: string })[];
  createdAt: string;
  updatedAt: string;
}

/** A blog's numbers on the desk (GET /api/blogs/:slug/numbers). */
export interface DeskNumbers {
  hours: number;
  readersNow: number;
  partial?: boolean;
  from: string;
  to: string;
  readers: { minute: string; readers: number }[];
  topUpdates: { postId: string; title: string; opens: number; shares: number }[];
  embeds: { kind: "host" | "unknown" | "others"; host?: string; loads: number }[];
}
