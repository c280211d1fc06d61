// Presenters: the only place a domain object becomes the JSON that the API returns and the
// live events carry, one module per concern in this folder. Internal fields (author ids,
// deletion marks) never leave through here. This one: a post, as every surface shows it.

import type { PostSource, Verification } from "../../core/attribution.js";
import { type Byline, shownBylines } from "../../core/byline.js";
import type { Post } from "../../core/post.js";
import type { PostOrigin } from "../../core/syndication.js";

export interface PostJson {
  id: string;
  title: string;
  blocks: Post["blocks"];
  html: string;
  /** The first byline's name: kept for clients that know one author. */
  author: { name: string };
  bylines: Byline[];
  pinned: boolean;
  keyEvent: boolean;
  status: Post["status"];
  publishAt?: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  /** Newsroom only (drafts are never public): why an editor returned this submission. */
  returnNote?: { note: string; by: { name: string }; at: string };
  /** A post syndicated from a followed blog: where it came from. */
  origin?: PostOrigin;
  /** The source line, when the newsroom credited one. */
  source?: PostSource;
  /** The verification state, when stated. */
  verification?: Verification;
  /** The post's tags (core/tags.ts), empty when none. */
  tags: string[];
  /** When a published post's words last changed (core/corrections.ts). */
  contentUpdatedAt?: string;
  /** The latest correction note on a published post. */
  correction?: { note: string; at: string };
}

export function presentPost(post: Post): PostJson {
  const bylines = shownBylines(post);
  const json: PostJson = {
    id: post.id,
    title: post.title,
    blocks: post.blocks,
    html: post.html,
    author: { name: bylines[0]?.name ?? post.authorName },
    bylines,
    pinned: post.pinned,
    keyEvent: post.keyEvent,
    status: post.status,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    version: post.version,
    tags: post.tags ?? [],
  };
  // A scheduled post's time, or the time a reporter asked for in a submission.
  if ((post.status === "scheduled" || post.status === "submitted") && post.publishAt)
    json.publishAt = post.publishAt;
  if (post.status === "draft" && post.returnNote) {
    const { note, by, at } = post.returnNote;
    json.returnNote = { note, by: { name: by.name }, at };
  }
  if (post.origin) json.origin = post.origin;
  if (post.source) json.source = post.source;
  if (post.verification) json.verification = post.verification;
  if (post.status === "published" && post.contentUpdatedAt) {
    json.contentUpdatedAt = post.contentUpdatedAt;
    if (post.correction) json.correction = { note: post.correction.note, at: post.correction.at };
  }
  return json;
}
