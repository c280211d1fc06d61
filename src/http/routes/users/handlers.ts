// /api/users: admins list, add and change newsroom users (name, role, disabled), and reset a
// user's password to a temporary one.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  createUser,
  listUsers,
  resetPassword,
  updateUser,
} from "../../../core/operations/people.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentUser } from "../../presenters/people.js";

const UserParams = z.object({ id: z.string().min(1).max(100) });

export function registerUserRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/users", async (request) => {
    const users = await listUsers(newsroom, requireActor(request));
    return { users: users.map(presentUser) };
  });

  app.post("/api/users", async (request, reply) => {
    const added = await createUser(newsroom, requireActor(request), request.body);
    const user = presentUser(added.user);
    // The password is shown only when the server made it up; one given was already known.
    return reply.status(201).send(added.generated ? { user, password: added.password } : { user });
  });

  app.patch("/api/users/:id", async (request) => {
    const { id } = parseInput(UserParams, request.params);
    return presentUser(await updateUser(newsroom, requireActor(request), id, request.body));
  });

  app.post("/api/users/:id/password", async (request, reply) => {
    const { id } = parseInput(UserParams, request.params);
    const reset = await resetPassword(newsroom, requireActor(request), { id }, request.body);
    const user = presentUser(reset.user);
    // A generated password is a secret shown once: no cache may keep it.
    return reply
      .header("Cache-Control", "no-store")
      .send(reset.generated ? { user, password: reset.password } : { user });
  });
}
