// The audit log: who did what to which blog or post, and when. Editorial actions are written
// in the same transaction as the change they record, so the log and the content never disagree.

/** Every action the log records, in the order a filter offers them. */
export const AUDIT_ACTIONS = [
  "blog.create",
  "blog.update",
  "blog.close",
  "blog.reopen",
  "blog.import",
  "blog.export",
  "blog.follow",
  "blog.unfollow",
  "comment.approve",
  "comment.reject",
  "figure.create",
  "figure.update",
  "figure.delete",
  "post.publish",
  "post.submit",
  "post.draft",
  "post.schedule",
  "post.edit",
  "post.delete",
  "post.takedown",
  "post.pin",
  "post.unpin",
  "post.retime",
  "post.verify",
  "post.unfurl",
  "post.approve",
  "post.return",
  "contribution.answer",
  "contribution.reject",
  "contribution.block",
  "contribution.erase",
  "session.signin",
  "session.signin_failed",
  "session.throttled",
  "session.signout",
  "password.change",
  "password.reset",
  "user.create",
  "user.update",
  "user.role",
  "token.create",
  "token.revoke",
  "webhook.create",
  "webhook.update",
  "webhook.delete",
  "webhook.rotate",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  blogId: string | null;
  postId: string | null;
  detail: Record<string, unknown> | null;
}

/** Which entries to read: every condition given must hold. */
export interface AuditQuery {
  /** Only entries older than the entry with this id (the last of the previous page). */
  before?: string;
  limit: number;
  /** The person who acted. */
  actorId?: string;
  blogId?: string;
  action?: AuditAction;
}

/** What an entry's post is now (deleted posts are kept, marked): for the sentences the log reads as. */
export interface AuditPost {
  title: string;
  /** The post's words as plain text, for naming a post without a title. */
  text: string;
  status: string;
  authorName: string;
  deleted: boolean;
}

/** An entry as the log is read, with its post when it names one that was ever stored. */
export interface AuditListing extends AuditEntry {
  post?: AuditPost;
}
