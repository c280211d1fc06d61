// createApp(deps): the HTTP face of Dispatch. It wires routes to core operations and knows
// nothing about which database or broadcaster is behind them. It does not listen; main does.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createSecureServer, type Http2Session } from "node:http2";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { VapidKeyring } from "../alerts/vapid.js";
import type { TrustProxy } from "../config/index.js";
import type { MediaStore, Newsroom } from "../core/ports.js";
import { ImageUploads, type UploadLimits } from "../media/uploads.js";
import { NewsroomMetrics } from "../metrics/newsroom-metrics.js";
import type { WorkerMetrics } from "../metrics/worker-metrics.js";
import { GuardedFetcher } from "../outbound/guarded-fetch.js";
import type { AdScripts } from "../reader/ad-scripts.js";
import type { ReaderFastLane } from "../reader/fast-lane.js";
import { registerFeedRoutes } from "../reader/feeds/routes.js";
import type { Publisher } from "../reader/jsonld.js";
import { registerReaderRoutes } from "../reader/routes.js";
import type { DeskHub } from "../realtime/desk-hub.js";
import type { LiveHub } from "../realtime/hub.js";
import { type AccessLog, accessLog, loggableUrl } from "./access-log.js";
import { installAuth } from "./auth.js";
import { answerPreflight, installCors } from "./cors.js";
import { answerRouterError, installErrorHandling } from "./errors.js";
import { SECURITY_HEADERS } from "./headers.js";
import { installNulGuard } from "./nul-guard.js";
import { installOwnOriginImageCheck } from "./own-origin.js";
import { recordRoutes } from "./registered-routes.js";
import { registerAdminRoutes } from "./routes/admin/handlers.js";
import { registerAlertRoutes } from "./routes/alerts/handlers.js";
import { registerAuditRoutes } from "./routes/audit/handlers.js";
import { registerBlogRoutes } from "./routes/blogs/handlers.js";
import { registerChangeRoutes } from "./routes/changes/handlers.js";
import { registerCommentRoutes } from "./routes/comments/handlers.js";
import { registerContributionRoutes } from "./routes/contributions/handlers.js";
import { registerContributorRoutes } from "./routes/contributors/handlers.js";
import { registerCorrectionRoutes } from "./routes/corrections/handlers.js";
import { type ReaderCount, registerDeskRoutes } from "./routes/desk/handlers.js";
import { openStreamDoor } from "./routes/events/door.js";
import { eventStreams } from "./routes/events/handlers.js";
import { registerFigureRoutes } from "./routes/figures/handlers.js";
import { registerFollowRoutes } from "./routes/follow/handlers.js";
import { registerMediaRoutes } from "./routes/media/handlers.js";
import { registerFavicon } from "./routes/meta/favicon.js";
import { type BusHealth, registerHealthRoute } from "./routes/meta/health.js";
import { installRequestCounting, registerMetricsRoute } from "./routes/meta/metrics.js";
import { registerOpenApiRoute } from "./routes/meta/openapi.js";
import { type NumbersTally, registerNumbersRoutes } from "./routes/numbers/handlers.js";
import { registerOEmbedRoute } from "./routes/oembed/handlers.js";
import { registerPollRoutes } from "./routes/polls/handlers.js";
import { registerPostRoutes } from "./routes/posts/handlers.js";
import { registerReaderMessagesRoutes } from "./routes/reader-messages/handlers.js";
import { registerReaderSearchRoutes } from "./routes/reader-search/handlers.js";
import { registerSearchRoutes } from "./routes/search/handlers.js";
import { registerSessionRoutes } from "./routes/session/handlers.js";
import { registerTagRoutes } from "./routes/tags/handlers.js";
import { registerTokenRoutes } from "./routes/tokens/handlers.js";
import { registerTransferRoutes } from "./routes/transfer/handlers.js";
import { registerUserRoutes } from "./routes/users/handlers.js";
import { registerWebhookRoutes } from "./routes/webhooks/handlers.js";

export interface AppDeps {
  newsroom: Newsroom;
  hub: LiveHub;
  desk: DeskHub;
  /** Live readers of a blog, summed across nodes (this node's alone, `partial`, if it must). */
  readers: (blogId: string) => Promise<ReaderCount>;
  /** Whether the bus to other nodes (Redis) is up; unset for a single process. */
  bus?: () => BusHealth;
  /** Uploaded images and the demo's illustrations, served at /media/. */
  media: MediaStore;
  /** Every fetch of an address a person gave (guarded: public addresses, time and size). */
  fetcher?: GuardedFetcher;
  publicUrl?: string;
  /** The newsroom as search engines name it (JSON-LD publisher, og:site_name, sitemaps). */
  publisher?: Publisher;
  /** AD_SCRIPT_ORIGINS and AD_SCRIPT_URL: the publisher's ad script on live pages with slots. */
  adScripts?: AdScripts;
  /** Where uploads are streamed while they are processed: the data dir's tmp/ folder. */
  uploadTmpDir?: string;
  /** Bounds on images in hand and their processing time (defaults in media/uploads.ts). */
  uploadLimits?: Partial<UploadLimits>;
  /** The image processing queue, when shared with others (link cards' images); else made. */
  uploads?: ImageUploads;
  logLevel?: string;
  /** Where log lines go (standard output unless given): tests read the access log here. */
  logStream?: { write(line: string): void };
  /** TRUST_PROXY: whose forwarding headers to believe; none unless the operator names them. */
  trustProxy?: TrustProxy;
  /** Votes in polls one address may cast per minute (default 30). */
  pollVotesPerMinute?: number;
  /** Readers' contributions: how many per address per hour, and the challenge's difficulty. */
  contributions?: { perHour?: number; difficulty?: number };
  /** Where permalink opens, shares and embed loads are counted for the desk (numbers/). */
  numbers: NumbersTally;
  /** METRICS_TOKEN: GET /metrics answers only this bearer token, and 404 when unset. */
  metricsToken?: string;
  /** Under `--workers`: /metrics answers for every worker (see metrics/worker-metrics.ts). */
  workerMetrics?: WorkerMetrics;
  /** The VAPID keys readers' browsers subscribe to alerts with; made here when not given. */
  vapid?: VapidKeyring;
  /** Looks for due webhook deliveries now (a "send again"); nothing when there is no worker. */
  wakeWebhooks?: () => void;
  /** This node's counters; made here when not given. */
  metrics?: NewsroomMetrics;
  /** TLS_CERT/TLS_KEY: serve HTTPS with HTTP/2 (and HTTP/1.1 through ALPN) instead of HTTP. */
  tls?: { cert: Buffer; key: Buffer };
}

export const BODY_LIMIT = 1024 * 1024;

/**
 * HTTPS with HTTP/2, HTTP/1.1 allowed through ALPN. On HTTP/2 a browser's streams and
 * requests share one connection, so open event streams never starve its other requests.
 * The door is not used: the bytes on the connection are encrypted, and streams come through
 * the request handler like any request (as compatibility request and response objects).
 */
function secureServer(
  tls: { cert: Buffer; key: Buffer },
  serve: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const server = createSecureServer({ ...tls, allowHTTP1: true }, (req, res) =>
    // Node's HTTP/2 compatibility objects stand in for HTTP/1's, which is what every handler
    // here (Fastify's included) reads and writes.
    serve(req as unknown as IncomingMessage, res as unknown as ServerResponse),
  );
  const sessions = new Set<Http2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  // Fastify calls these on close: sessions (kept open by browsers) would hold the server
  // open. A session's close lets its requests in flight finish; what lingers is cut.
  const closeSessions = () => {
    for (const session of sessions) {
      session.close();
      setTimeout(() => session.destroy(), 2000).unref();
    }
  };
  Object.assign(server, { closeHttp2Sessions: closeSessions, closeIdleConnections: closeSessions });
  return server as unknown as Server;
}

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  // Set once the logger exists; null while `info` is off (the fast paths then log nothing).
  let access: AccessLog | null = null;
  const streams = eventStreams(deps.newsroom, deps.hub, () => access);
  let readerFastLane: ReaderFastLane | null = null;
  const app = Fastify({
    // Event streams are answered before Fastify sees them, most of them before Node's HTTP
    // server does (see routes/events); so are live pages already in the page cache.
    serverFactory: (handler) => {
      const serve = (req: IncomingMessage, res: ServerResponse) => {
        if (streams.fromHttp(req, res) || readerFastLane?.(req, res) || answerPreflight(req, res))
          return;
        handler(req, res);
      };
      if (deps.tls) return secureServer(deps.tls, serve);
      const server = createServer(serve);
      openStreamDoor(server, streams.fromDoor);
      return server;
    },
    logger: {
      level: deps.logLevel ?? "warn",
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Fastify's own request lines, with secret-looking query values left out as below.
      serializers: {
        req: (request) => ({
          method: request.method,
          url: loggableUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    bodyLimit: BODY_LIMIT,
    // Addresses the router cannot read are refused in the contract's error shape too.
    frameworkErrors: answerRouterError,
    // Only the proxies the operator names may say who the client is (request.ip), and which
    // host and scheme it asked for (request.host, request.protocol): anyone else, even on
    // loopback or a private network, could write those headers to dodge the sign-in limit.
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? false),
    routerOptions: { ignoreTrailingSlash: true },
  });
  access = accessLog(app.log);
  recordRoutes(app);
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // An answer that refreshes someone's session cookie is theirs alone, even on a public
    // URL: a shared cache must never hand it (and the cookie) to the next reader.
    if (reply.hasHeader("Set-Cookie")) reply.header("Cache-Control", "private, no-store");
    else if (!reply.hasHeader("Cache-Control")) reply.header("Cache-Control", "no-cache");
  });
  // Clients often send Content-Type: application/json on a DELETE with no body; there is
  // nothing to parse, so that must not be an "empty JSON body" error.
  app.addHook("onRequest", async (request) => {
    const empty =
      !request.headers["transfer-encoding"] && (request.headers["content-length"] ?? "0") === "0";
    if (empty && (request.method === "DELETE" || request.method === "GET"))
      delete request.headers["content-type"];
  });
  // The API reads JSON only. Fastify also parses text/plain by default, which is what a page
  // on another site can post without a preflight (a sign-in from a hidden form): 415 instead.
  app.removeContentTypeParser("text/plain");
  installCors(app);
  const metrics = deps.metrics ?? new NewsroomMetrics();
  installRequestCounting(app, metrics);
  installErrorHandling(app);
  installNulGuard(app);
  installAuth(app, deps.newsroom);
  installOwnOriginImageCheck(app, deps.publicUrl);
  registerBlogRoutes(app, deps.newsroom);
  registerPostRoutes(app, deps.newsroom, metrics);
  registerCorrectionRoutes(app, deps.newsroom, deps.media);
  registerSearchRoutes(app, deps.newsroom);
  registerReaderSearchRoutes(app, deps.newsroom);
  registerReaderMessagesRoutes(app, deps.newsroom, deps.numbers);
  registerTagRoutes(app, deps.newsroom);
  registerChangeRoutes(app, deps.newsroom);
  registerDeskRoutes(app, deps.newsroom, deps.desk, deps.hub, deps.readers);
  registerSessionRoutes(app, deps.newsroom);
  registerUserRoutes(app, deps.newsroom);
  registerContributorRoutes(app, deps.newsroom);
  registerTokenRoutes(app, deps.newsroom);
  registerAuditRoutes(app, deps.newsroom);
  registerWebhookRoutes(app, deps.newsroom, deps.fetcher ?? new GuardedFetcher(), () =>
    deps.wakeWebhooks?.(),
  );
  registerOpenApiRoute(app);
  registerFavicon(app);
  registerHealthRoute(app, deps.newsroom, () => deps.hub.totalReaders(), deps.bus);
  registerMetricsRoute(app, {
    newsroom: deps.newsroom,
    hub: deps.hub,
    metrics,
    token: deps.metricsToken,
    ...(deps.bus ? { bus: deps.bus } : {}),
    ...(deps.workerMetrics ? { workers: deps.workerMetrics } : {}),
  });
  registerAdminRoutes(app);
  registerFigureRoutes(app, deps.newsroom);
  registerAlertRoutes(app, deps.newsroom, {
    keyring: deps.vapid ?? new VapidKeyring(deps.newsroom.store),
    fetcher: deps.fetcher ?? new GuardedFetcher(),
  });
  registerPollRoutes(app, deps.newsroom, {
    ...(deps.pollVotesPerMinute ? { votesPerMinute: deps.pollVotesPerMinute } : {}),
  });
  // One processing queue for uploads, imports, readers' photos and link cards' images alike.
  const uploads = deps.uploads ?? new ImageUploads(deps.media, deps.uploadLimits);
  const uploadTmpDir = deps.uploadTmpDir ?? path.join(tmpdir(), "dispatch-uploads");
  registerContributionRoutes(
    app,
    deps.newsroom,
    { media: deps.media, uploads, tmpDir: uploadTmpDir },
    deps.contributions ?? {},
  );
  registerNumbersRoutes(app, deps.newsroom, { tally: deps.numbers, readers: deps.readers });
  registerCommentRoutes(app, deps.newsroom);
  registerFollowRoutes(app, deps.newsroom, {
    fetcher: deps.fetcher ?? new GuardedFetcher(),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  registerMediaRoutes(app, deps.newsroom, deps.media, deps.fetcher ?? new GuardedFetcher(), {
    tmpDir: uploadTmpDir,
    uploads,
  });
  registerTransferRoutes(app, deps.newsroom, deps.media, {
    tmpDir: deps.uploadTmpDir ?? path.join(tmpdir(), "dispatch-uploads"),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  readerFastLane = await registerReaderRoutes(app, {
    newsroom: deps.newsroom,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    ...(access ? { accessLog: access } : {}),
    ...(deps.publisher ? { publisher: deps.publisher } : {}),
    ...(deps.adScripts ? { adScripts: deps.adScripts } : {}),
    numbers: deps.numbers,
  });
  registerOEmbedRoute(app, deps.newsroom, deps.publicUrl);
  registerFeedRoutes(app, {
    newsroom: deps.newsroom,
    media: deps.media,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  // The front door: the newest live blog, so a fresh demo opens on its coverage.
  app.get("/", async (_request, reply) => {
    const blogs = await deps.newsroom.store.listBlogs();
    const newest = blogs.find((b) => b.status === "live") ?? blogs[0];
    if (newest) return reply.redirect(`/live/${newest.slug}`);
    return { name: "Dispatch", api: "/api/blogs", openapi: "/api/openapi.json" };
  });
  return app;
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes the function Fastify itself would
 * make of it (its types leave the number out): the nearest `hops` peers are proxies.
 */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((a: string, hop: number) => boolean) {
  return typeof trust === "number" ? (_address, hop) => hop < trust : trust;
}
