// Recognises who is making a request: a bearer API token, or else the editor's session cookie
// (whose writes must carry the CSRF token, and which writes nothing but a new password while
// the user's password is a temporary one). Routes only ever ask for `request.actor`; the
// session routes also read `request.session`.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { findSignedIn, keepSessionAlive, type SessionHolder } from "../core/operations/sessions.js";
import { actorForToken } from "../core/operations/users.js";
import type { Newsroom } from "../core/ports.js";
import type { Actor } from "../core/user.js";
import { csrfTokenMatches, needsCsrfToken } from "./csrf.js";
import { readSessionCookie, setSessionCookie } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** How `actor` was recognised; null for anonymous requests. */
    authMethod: "token" | "session" | null;
    /** The signed-in session, when the request came with a live session cookie. */
    session: SessionHolder | null;
  }
}

export function installAuth(app: FastifyInstance, newsroom: Newsroom): void {
  const ANONYMOUS_WRITES = new Set([
    "/api/polls/:pollId/votes",
    "/api/blogs/:slug/comments",
    "/api/comments/:commentId/reports",
  ]);
  app.decorateRequest("actor", null);
  app.decorateRequest("authMethod", null);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request, reply) => {
    // The scraper's bearer token is METRICS_TOKEN, not a newsroom user's: that route checks it.
    if (request.routeOptions.url === "/metrics") return;
    // A bearer header wins over a cookie: scripts may run in a browser that is signed in.
    const header = request.headers.authorization;
    if (header) {
      request.actor = await actorForBearer(newsroom, header);
      request.authMethod = "token";
      return;
    }
    // A reader's vote is anonymous: a newsroom session in the same browser plays no part (its
    // page's form carries no CSRF token), so the vote is taken as anyone's.
    if (request.routeOptions.url === "/api/polls/:pollId/votes") return;
    // So is a browser's alert subscription: it names no one and changes nothing of anyone's.
    if (request.routeOptions.url === "/api/blogs/:slug/alerts/subscriptions") return;
    // So is a reader's contribution and the challenge before it: a newsroom session in the
    // reader's browser neither signs it nor needs its CSRF token for it.
    if (
      request.routeOptions.url === "/api/blogs/:slug/contributions/challenge" ||
      (request.method === "POST" && request.routeOptions.url === "/api/blogs/:slug/contributions")
    )
      return;
    // A reader's share is counted as anyone's too: no session is read, so none is refreshed
    // and the counted answer never carries a cookie.
    if (request.routeOptions.url === "/api/blogs/:slug/posts/:id/shares") return;
    // So is a reader's comment or report of one.
    if (ANONYMOUS_WRITES.has(request.routeOptions.url ?? "")) return;
    const cookie = readSessionCookie(request);
    if (!cookie) return;
    // An unknown or expired cookie is simply not signed in: public reads keep working.
    const holder = await findSignedIn(newsroom, cookie);
    if (!holder) return;
    if (needsCsrfToken(request) && !csrfTokenMatches(request, holder.session.csrfToken)) {
      throw new DomainError(
        "csrf_failed",
        "Send the X-CSRF-Token header with the csrfToken from GET /api/session",
      );
    }
    if (holder.user.mustChangePassword && !READS.has(request.method)) {
      if (!WHILE_TEMPORARY.has(`${request.method} ${request.routeOptions.url ?? ""}`)) {
        throw new DomainError(
          "password_change_required",
          "Your password was reset: choose a new one (POST /api/session/password) first",
        );
      }
    }
    request.actor = holder.actor;
    request.authMethod = "session";
    request.session = holder;
    if (await keepSessionAlive(newsroom, holder.session)) setSessionCookie(request, reply, cookie);
  });
}

/**
 * Who an `Authorization: Bearer TOKEN` header names; any other header, or a token unknown or
 * revoked, is refused (401). Also for event streams, which are answered before Fastify: a bad
 * token is refused on every route, public ones included, so a script learns of it at once.
 */
export async function actorForBearer(newsroom: Newsroom, header: string): Promise<Actor> {
  const token = bearerToken(header);
  const actor = token ? await actorForToken(newsroom, token) : null;
  if (!actor) {
    throw new DomainError(
      "unauthorized",
      "That API token is not valid; create one with `dispatch token create`",
    );
  }
  return actor;
}

const bearerToken = (header: string) => /^Bearer\s+(\S+)$/i.exec(header)?.[1];

/**
 * The writes a session may make while its password is a temporary one an admin set: choosing
 * a new password, and signing out or in. Reads go on as usual (an admin who set the password
 * may read everything anyway). API tokens are not held back: the user made them with a
 * password of their own, and scripts should not stop because a password was forgotten.
 */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const WHILE_TEMPORARY = new Set([
  "POST /api/session/password",
  "DELETE /api/session",
  "POST /api/session",
]);

/**
 * Reads this request's credentials again later: who its token or session cookie names by
 * then, or null once they no longer stand. For long-lived answers (the desk stream) that must
 * end when a user is signed out, reset, disabled or has their token revoked.
 */
export function credentialCheck(
  request: FastifyRequest,
  newsroom: Newsroom,
): (() => Promise<Actor | null>) | undefined {
  if (request.authMethod === "token") {
    const token = bearerToken(request.headers.authorization ?? "");
    return token ? () => actorForToken(newsroom, token) : undefined;
  }
  if (request.authMethod === "session") {
    const cookie = readSessionCookie(request);
    return cookie ? async () => (await findSignedIn(newsroom, cookie))?.actor ?? null : undefined;
  }
  return undefined;
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new DomainError(
      "unauthorized",
      "Sign in or send an API token: Authorization: Bearer TOKEN",
    );
  }
  return request.actor;
}
