// The audit log: who did what to which blog or post, and when. Editorial actions are written
// in the same transaction as the change they record, so the log and the content never disagree.

export type AuditAction =
  | "blog.create"
  | "blog.update"
  | "blog.close"
  | "blog.reopen"
  | "post.publish"
  | "post.submit"
  | "post.draft"
  | "post.schedule"
  | "post.edit"
  | "post.delete"
  | "post.pin"
  | "post.unpin"
  | "post.retime"
  | "post.approve"
  | "post.return"
  | "session.signin"
  | "session.signin_failed"
  | "session.throttled"
  | "session.signout"
  | "password.change"
  | "password.reset"
  | "user.create"
  | "user.update"
  | "user.role"
  | "token.create"
  | "token.revoke";

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
