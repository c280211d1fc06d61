// Recognises who is making a request. Today: a bearer API token. The editor's session cookie
// (with CSRF protection) plugs in here later, so routes only ever ask for `request.actor`.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { actorForToken } from "../core/operations/users.js";
import type { Newsroom } from "../core/ports.js";
import type { Actor } from "../core/user.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function installAuth(app: FastifyInstance, newsroom: Newsroom): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await actorForToken(newsroom, match[1]) : null;
    if (!actor) {
      throw new DomainError(
        "unauthorized",
        "That API token is not valid; create one with `dispatch token create`",
      );
    }
    request.actor = actor;
  });
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
