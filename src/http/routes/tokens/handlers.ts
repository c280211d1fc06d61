// /api/tokens: API tokens for scripts. Everyone lists, creates and revokes their own; admins
// see and revoke all, and create them for others. A new token is shown once, in the answer.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { issueToken, listTokens, revokeToken } from "../../../core/operations/people.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentToken } from "../../presenters/tokens.js";

const TokenParams = z.object({ id: z.string().min(1).max(100) });

export function registerTokenRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/tokens", async (request) => {
    const tokens = await listTokens(newsroom, requireActor(request));
    return { tokens: tokens.map(presentToken) };
  });

  app.post("/api/tokens", async (request, reply) => {
    const issued = await issueToken(newsroom, requireActor(request), request.body);
    // A secret: no cache may keep it.
    return reply.status(201).header("Cache-Control", "no-store").send(issued);
  });

  app.delete("/api/tokens/:id", async (request, reply) => {
    const { id } = parseInput(TokenParams, request.params);
    await revokeToken(newsroom, requireActor(request), id);
    return reply.status(204).send();
  });
}
