// Bylines' people: GET /api/contributors lists the colleagues the composer may sign a post
// with; PATCH /api/users/:id/profile sets a user's title and avatar (their own, or an
// admin's for anyone).

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { listContributors, updateProfile } from "../../../core/operations/profiles.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentContributor, presentUser } from "../../presenters/people.js";

const UserParams = z.object({ id: z.string().min(1).max(100) });

export function registerContributorRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/contributors", async (request, reply) => {
    const people = await listContributors(newsroom, requireActor(request));
    reply.header("Cache-Control", "private, no-cache");
    return { contributors: people.map(presentContributor) };
  });

  app.patch("/api/users/:id/profile", async (request) => {
    const { id } = parseInput(UserParams, request.params);
    return presentUser(await updateProfile(newsroom, requireActor(request), id, request.body));
  });
}
