// GET /api/health: for load balancers and monitors. 200 when this node can reach its database,
// 503 (status "unavailable", with Retry-After) otherwise, so a balancer stops sending readers
// to a node that cannot serve them. With many nodes it also says whether the bus between them (Redis) is up: while it is down the
// node still serves (readers catch up from the change log) but is `degraded`, still 200.

import type { FastifyInstance } from "fastify";
import type { Newsroom } from "../../../core/ports.js";
import { errorBody } from "../../errors.js";

/** How soon a monitor or balancer may ask again while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

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
      // As every other request answers meanwhile (see store/postgres/pool.ts), plus a status
      // a monitor can read as it reads "ok" and "degraded".
      return reply
        .status(503)
        .header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          ...errorBody("database_unavailable", "This node cannot reach its database"),
          status: "unavailable",
        });
    }
    if (!bus) return { status: "ok", readers: readers() };
    const state = bus();
    return { status: state === "ok" ? "ok" : "degraded", readers: readers(), bus: state };
  });
}
