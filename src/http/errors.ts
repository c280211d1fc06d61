// The one mapping from failures to HTTP: domain error codes to status codes, and framework
// errors (bad JSON, oversized or unsupported bodies, unknown routes) to the same JSON shape:
// {"error": {"code", "message", "field"?}}. Unexpected failures are logged and answered
// with a 500 that reveals nothing.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, type ErrorCode } from "../core/errors.js";
import type { Post } from "../core/post.js";
import { presentPost } from "./presenters/posts.js";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  invalid_query: 400,
  // A NUL (U+0000) in a path or query parameter: nothing stored can hold one.
  invalid_character: 400,
  // Text the database cannot store (PostgreSQL's encoding errors), whatever route sent it.
  invalid_encoding: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  csrf_failed: 403,
  user_disabled: 403,
  password_change_required: 403,
  last_admin: 409,
  token_not_found: 404,
  forbidden: 403,
  blog_not_found: 404,
  post_not_found: 404,
  figure_not_found: 404,
  media_not_found: 404,
  user_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  slug_taken: 409,
  email_taken: 409,
  version_conflict: 409,
  idempotency_key_reused: 422,
  blog_closed: 409,
  not_submitted: 409,
  byline_forbidden: 403,
  byline_user_not_found: 422,
  published_at_out_of_range: 422,
  // A page pasted from elsewhere named an address we will not fetch, or it did not answer.
  fetch_refused: 422,
  fetch_failed: 422,
  // One user has as many images in hand as they may; the answer carries Retry-After.
  too_many_uploads: 429,
  // Everyone together has: the server is busy, not the request wrong (Retry-After too).
  server_busy: 503,
  // An image whose processing outlasts its time budget is refused, like one too large.
  processing_timeout: 422,
  // The database is down or restarting: nothing wrong with the request, try it again soon.
  database_unavailable: 503,
  // An import file refused: the field names the line or item at fault; nothing was written.
  import_invalid: 422,
  // An import would land on a blog it did not make (another blog has the slug).
  blog_exists: 409,
  // An import's post or blog id is held by another blog here.
  import_conflict: 409,
  // Readers' votes: no such poll, one closed, a second vote from one browser.
  poll_not_found: 404,
  poll_closed: 409,
  already_voted: 409,
  // Readers' contributions: a blog not taking them, a challenge that does not hold, a sender
  // the desk blocked, one already answered or rejected.
  contributions_closed: 403,
  challenge_invalid: 422,
  challenge_expired: 422,
  challenge_unsolved: 422,
  challenge_used: 403,
  sender_blocked: 403,
  contribution_not_found: 404,
  contribution_decided: 409,
  comment_not_found: 404,
  comments_off: 403,
  comments_closed: 403,
  already_reported: 409,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
  [extra: string]: unknown;
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "payload_too_large", "The request body is too large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    "unsupported_media_type",
    "Send JSON with Content-Type: application/json",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    "invalid_json",
    "The request body is empty; send a JSON object",
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "invalid_json", "The request body is not valid JSON"],
  // Raised by the router before any hook runs (see answerRouterError below).
  FST_ERR_BAD_URL: [
    400,
    "invalid_url",
    "The address is not valid: each % must start an escape of UTF-8 text, such as %20",
  ],
  FST_ERR_MAX_PARAM_LENGTH: [
    414,
    "url_too_long",
    "A part of the address is too long to name anything here (at most 100 characters)",
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    "invalid_request",
    "Content-Length does not match the body",
  ],
};

export interface HttpError {
  status: number;
  body: ErrorBody;
  /** Seconds, for a Retry-After header: a refusal that says when to come back. */
  retryAfter?: number;
}

export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof DomainError) {
    const body = errorBody(error.code, error.message, error.field);
    const post = error.details?.post as Post | undefined;
    if (post) body.post = presentPost(post);
    const retryAfter = error.details?.retryAfter;
    return {
      status: STATUS[error.code],
      body,
      ...(typeof retryAfter === "number" ? { retryAfter } : {}),
    };
  }
  const encoding = databaseEncodingError(error);
  if (encoding) return { status: 400, body: errorBody("invalid_encoding", encoding) };
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FRAMEWORK_ERRORS[fastifyError.code] : undefined;
  if (known) return { status: known[0], body: errorBody(known[1], known[2]) };
  if (error instanceof SyntaxError && (fastifyError.statusCode ?? 0) === 400) {
    return { status: 400, body: errorBody("invalid_json", "The request body is not valid JSON") };
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, body: errorBody("invalid_request", fastifyError.message) };
  }
  return null;
}

/**
 * PostgreSQL's answer to text it cannot store: 22021 "invalid byte sequence for encoding"
 * (a NUL in a text parameter) and 22P05 "unsupported Unicode escape sequence" (\u0000 in
 * JSON). The client sent them, so they are its mistake, never a 500. The edge refuses NUL
 * before it gets this far; this catches any route or field that slips past.
 */
const ENCODING_SQLSTATES = new Set(["22021", "22P05"]);

function databaseEncodingError(error: unknown): string | null {
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState !== "string" || !ENCODING_SQLSTATES.has(sqlState)) return null;
  return "The request holds characters that cannot be stored, such as U+0000";
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before the app's hooks and error
 * handler see the request (a path whose %-escapes do not decode, a parameter too long). Left
 * to Fastify these get its own JSON shape; the contract promises ours on every refusal.
 */
export function answerRouterError(error: Error, _request: FastifyRequest, reply: FastifyReply) {
  const mapped = toHttpError(error) ?? {
    status: 400,
    body: errorBody("invalid_request", "The request could not be read"),
  };
  return reply.status(mapped.status).send(mapped.body);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = toHttpError(error);
    if (mapped) {
      // A refusal that says when to come back (too many attempts, uploads, the database
      // restarting) says it in a header.
      if (mapped.retryAfter !== undefined) reply.header("Retry-After", String(mapped.retryAfter));
      return reply.status(mapped.status).send(mapped.body);
    }
    request.log.error({ err: error }, "request failed");
    return reply
      .status(500)
      .send(errorBody("internal_error", "Something went wrong on our side; try again"));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody("not_found", `Nothing at ${request.method} ${request.url.split("?")[0]}`)),
  );
}
