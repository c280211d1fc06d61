// GET /api/health: for load balancers and monitors. 200 when this node can reach its database,
// 503 otherwise, so a balancer stops sending readers to a node that cannot serve them. With
// many nodes it also says whether the bus between them (Redis) is up: while it is down the
// node still serves (readers catch up from the change log) but is `degraded`, still 200.

import type { FastifyInstance } from "fastify";
import type { Newsroom } from "../../../core/ports.js";
import { errorBody } from "../../errors.js";

export type BusHealth = "ok" | "degraded";

export function registerHealthRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  readers: () => number,
  bus?: () => BusHealth,
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
    if (!bus) return { status: "ok", readers: readers() };
    const state = bus();
    return { status: state === "ok" ? "ok" : "degraded", readers: readers(), bus: state };
  });
}
