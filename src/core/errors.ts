// Domain errors: every failure a newsroom user can cause has a stable `code`, a message a
// person can act on, and (for bad input) the field at fault. The HTTP layer maps codes to
// status codes in one place; nothing else decides what a failure looks like on the wire.

export type ErrorCode =
  | "validation_failed"
  | "invalid_query"
  | "invalid_character"
  | "invalid_encoding"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unauthorized"
  | "invalid_credentials"
  | "too_many_attempts"
  | "csrf_failed"
  | "user_disabled"
  | "password_change_required"
  | "last_admin"
  | "token_not_found"
  | "forbidden"
  | "blog_not_found"
  | "post_not_found"
  | "figure_not_found"
  | "media_not_found"
  | "user_not_found"
  | "webhook_not_found"
  | "delivery_not_found"
  | "slug_taken"
  | "email_taken"
  | "version_conflict"
  | "idempotency_key_reused"
  | "blog_closed"
  | "not_submitted"
  | "byline_forbidden"
  | "byline_user_not_found"
  | "published_at_out_of_range"
  | "fetch_refused"
  | "fetch_failed"
  | "too_many_uploads"
  | "server_busy"
  | "processing_timeout"
  | "database_unavailable"
  | "import_invalid"
  | "blog_exists"
  | "import_conflict"
  | "poll_not_found"
  | "poll_closed"
  | "already_voted"
  | "contributions_closed"
  | "challenge_invalid"
  | "challenge_expired"
  | "challenge_unsolved"
  | "challenge_used"
  | "sender_blocked"
  | "contribution_not_found"
  | "contribution_decided"
  | "comment_not_found"
  | "comments_off"
  | "comments_closed"
  | "already_reported";

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Extra JSON fields for the error body, e.g. the current post on a version conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

export function validationError(field: string, message: string): DomainError {
  return new DomainError("validation_failed", message, { field });
}
