// GET /api/health: for load balancers and monitors. 200 when this node can reach its database,
// 503 otherwise, so a balancer stops sending readers to a node that cannot serve them.

import type { FastifyInstance } from "fastify";
import type { Newsroom } from "../../../core/ports.js";
import { errorBody } from "../../errors.js";

export function registerHealthRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  readers: () => number,
): void {
  app.get("/api/health", async (_request, reply) => {
    reply.header("Cache-Control", "no-store");
    try {
      await newsroom.store.countUsers();
    } catch {
      return reply
        .status(503)
        .send(errorBody("database_unavailable", "This node cannot reach its database"));
    }
    return { status: "ok", readers: readers() };
  });
}
