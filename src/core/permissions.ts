// Who may do what. One table for the whole newsroom, checked by the operations (never by the
// HTTP layer), so the CLI, the API and the editor all obey the same rules.

import { DomainError } from "./errors.js";
import type { Post } from "./post.js";
import type { Actor, Role } from "./user.js";

export type Action =
  | "blog.create"
  | "blog.update"
  | "blog.follow"
  | "post.publish"
  | "post.pin"
  | "post.editAny"
  | "post.readDrafts"
  | "post.readOthersDrafts"
  | "post.approve"
  | "post.onBehalf"
  | "post.setTime"
  | "post.takedown"
  | "user.manage"
  | "webhook.manage"
  | "blog.transfer"
  | "contribution.moderate"
  | "blog.readNumbers"
  | "comment.moderate";

const GRANTS: Record<Action, readonly Role[]> = {
  "blog.create": ["admin", "editor"],
  "blog.update": ["admin", "editor"],
  "blog.follow": ["admin", "editor"],
  "post.publish": ["admin", "editor", "reporter"],
  "post.pin": ["admin", "editor"],
  "post.editAny": ["admin", "editor"],
  "post.readDrafts": ["admin", "editor", "reporter"],
  "post.readOthersDrafts": ["admin", "editor"],
  "post.approve": ["admin", "editor"],
  "post.onBehalf": ["admin", "editor"],
  "post.setTime": ["admin", "editor"],
  "post.takedown": ["admin", "editor"],
  "user.manage": ["admin"],
  "webhook.manage": ["admin"],
  "blog.transfer": ["admin"],
  "contribution.moderate": ["admin", "editor"],
  "blog.readNumbers": ["admin", "editor"],
  "comment.moderate": ["admin", "editor"],
};

const REFUSALS: Record<Action, string> = {
  "blog.create": "Only editors and admins can create blogs",
  "blog.update": "Only editors and admins can change or close a blog",
  "blog.follow": "Only editors and admins can make a blog follow another",
  "post.publish": "You cannot publish to this blog",
  "post.pin": "Only editors and admins can pin posts or mark key events",
  "post.editAny": "Reporters can change only their own posts",
  "post.readDrafts": "Only the newsroom can read drafts",
  "post.readOthersDrafts": "Reporters see only their own drafts and submissions",
  "post.approve": "Only editors and admins can approve or return submissions",
  "post.onBehalf":
    "Reporters sign posts with their own name (free-text contributors such as an agency may be added); only editors and admins publish on a colleague's behalf",
  "post.setTime": "Only editors and admins can change when a post is shown as published",
  "post.takedown": "Only editors and admins can take a post down",
  "user.manage": "Only admins can manage users and tokens",
  "webhook.manage": "Only admins can manage webhooks",
  "blog.transfer": "Only admins can export or import blogs",
  "contribution.moderate":
    "Only editors and admins can read, answer or reject readers' contributions",
  "blog.readNumbers": "Only editors and admins can see a blog's readers and shares",
  "comment.moderate": "Only editors and admins can moderate readers' comments",
};

export function can(actor: Actor, action: Action): boolean {
  return GRANTS[action].includes(actor.role);
}

export function ensure(actor: Actor, action: Action, field?: string): void {
  if (!can(actor, action)) {
    throw new DomainError("forbidden", REFUSALS[action], field ? { field } : {});
  }
}

const RANK: Record<Role, number> = { reporter: 0, editor: 1, admin: 2 };

/** Whether moving from one role to the other takes permissions away. */
export function isDemotion(from: Role, to: Role): boolean {
  return RANK[to] < RANK[from];
}

/**
 * Drafts and submissions are their author's until they go out: a reporter sees only their own
 * (as in desk search), editors and admins everyone's. Scheduled and published posts are the
 * whole newsroom's. The one rule for the drafts list, a post's URL and the desk stream.
 */
export function mayRead(actor: Actor, post: Pick<Post, "status" | "authorId">): boolean {
  if (!isPrivateStatus(post.status) || can(actor, "post.readOthersDrafts")) return true;
  return post.authorId === actor.id;
}

/** Statuses whose posts only their author (and editors) may see. */
export function isPrivateStatus(status: Post["status"]): boolean {
  return status === "draft" || status === "submitted";
}

/**
 * Editors change any post; a reporter only their own: those they wrote, and published or
 * scheduled posts they are bylined on. A draft or submission is its writer's alone, as for
 * reading (`mayRead`): nobody changes what they are not allowed to see.
 */
export function ensureMayChange(actor: Actor, post: Post): void {
  const named = !isPrivateStatus(post.status) && post.bylines.some((b) => b.userId === actor.id);
  const own = post.authorId === actor.id || named;
  if (!own) ensure(actor, "post.editAny");
}
