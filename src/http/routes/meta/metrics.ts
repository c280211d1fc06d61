// GET /metrics: this node's metrics in the Prometheus text format, for the operator's
// scraper. Off unless METRICS_TOKEN is set (404, as if there were no such route), and then
// only for `Authorization: Bearer METRICS_TOKEN`, compared in constant time.

import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Newsroom } from "../../../core/ports.js";
import {
  EXPOSITION_CONTENT_TYPE,
  type FlatFamily,
  flattenFamilies,
  mergeFamilies,
  renderFlat,
} from "../../../metrics/exposition.js";
import type { NewsroomMetrics } from "../../../metrics/newsroom-metrics.js";
import type { WorkerMetrics } from "../../../metrics/worker-metrics.js";
import type { LiveHub } from "../../../realtime/hub.js";
import { errorBody } from "../../errors.js";
import type { BusHealth } from "./health.js";

export interface MetricsRouteDeps {
  newsroom: Newsroom;
  hub: LiveHub;
  metrics: NewsroomMetrics;
  token: string | undefined;
  bus?: () => BusHealth;
  /** Under `--workers`: every worker's figures, each labelled with its worker. */
  workers?: WorkerMetrics;
}

/** Counts every answer Fastify gives by route pattern and status class. */
export function installRequestCounting(app: FastifyInstance, metrics: NewsroomMetrics): void {
  // A callback hook, not an async one: no promise per request just to add to a number.
  app.addHook("onResponse", (request, reply, done) => {
    metrics.answered(request.routeOptions.url ?? "unmatched", reply.statusCode);
    done();
  });
}

export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  const expected = deps.token ? digest(deps.token) : null;
  if (expected) deps.metrics.watchEventLoop();
  app.addHook("onClose", async () => deps.metrics.stop());
  app.get("/metrics", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    if (!expected) return reply.callNotFound();
    if (!authorised(request, expected)) {
      return reply
        .status(401)
        .header("WWW-Authenticate", 'Bearer realm="metrics"')
        .send(errorBody("unauthorized", "Metrics need the METRICS_TOKEN as a bearer token"));
    }
    return reply.type(EXPOSITION_CONTENT_TYPE).send(await collectMetrics(deps));
  });
}

/** The exposition as of now. Also what the METRICS_PORT listener answers. */
export async function collectMetrics(deps: Omit<MetricsRouteDeps, "token">): Promise<string> {
  if (deps.workers) return renderFlat(mergeFamilies("worker", await deps.workers.gather()));
  return renderFlat(await processFamilies(deps));
}

/** This process's own figures. */
export async function processFamilies(
  deps: Omit<MetricsRouteDeps, "token" | "workers">,
): Promise<FlatFamily[]> {
  // One cheap query serves both as the database check and as the slugs for reader labels.
  const slugs = new Map<string, string>();
  let databaseUp = true;
  try {
    for (const blog of await deps.newsroom.store.listBlogs()) slugs.set(blog.id, blog.slug);
  } catch {
    databaseUp = false;
  }
  const readersBySlug = new Map<string, number>();
  for (const [blogId, readers] of deps.hub.readerCounts()) {
    readersBySlug.set(slugs.get(blogId) ?? blogId, readers);
  }
  const families = deps.metrics.families({
    live: deps.hub.stats,
    readersBySlug,
    totalReaders: deps.hub.totalReaders(),
    databaseUp,
    ...(deps.bus ? { busUp: deps.bus() === "ok" } : {}),
  });
  return flattenFamilies(families);
}

/** Digests are of equal length whatever was sent, so the comparison can be constant-time. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

function authorised(request: FastifyRequest, expected: Buffer): boolean {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer (.+)$/i.exec(header);
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1].trim()), expected);
}
