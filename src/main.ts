// The composition root: reads config, builds the store, broadcaster, live hub and HTTP app,
// and starts the roles: the background work (background.ts: the scheduler, the webhook and
// alert workers, the desk's numbers, following and link cards), then the web server.
// The CLI's `serve` and the integration tests start Dispatch through startDispatch().

import cluster from "node:cluster";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createSecureContext } from "node:tls";
import type { FastifyInstance } from "fastify";
import { VapidKeyring } from "./alerts/vapid.js";
import { Background } from "./background.js";
import type { Config } from "./config/index.js";
import { systemClock } from "./core/clock.js";
import type { Broadcaster, Newsroom } from "./core/ports.js";
import { createApp } from "./http/app.js";
import { listenForMetrics, type MetricsListener } from "./http/metrics-listener.js";
import { presentChange, presentDeskEvent } from "./http/presenters/events.js";
import { PurgingBroadcaster } from "./http/purge.js";
import type { ReaderCount } from "./http/routes/desk/handlers.js";
import type { BusHealth } from "./http/routes/meta/health.js";
import { collectMetrics, processFamilies } from "./http/routes/meta/metrics.js";
import { DiskMediaStore } from "./media/disk-media-store.js";
import { prepareUploadTmpDir } from "./media/temp-uploads.js";
import { ImageUploads } from "./media/uploads.js";
import { NewsroomMetrics } from "./metrics/newsroom-metrics.js";
import { WorkerMetrics } from "./metrics/worker-metrics.js";
import { GuardedFetcher } from "./outbound/guarded-fetch.js";
import { blockWordsFor } from "./reader/i18n/block-words.js";
import { ClusterBroadcaster } from "./realtime/cluster-broadcaster.js";
import { DeskHub } from "./realtime/desk-hub.js";
import { LISTEN_BACKLOG, LiveHub } from "./realtime/hub.js";
import { InProcessBroadcaster } from "./realtime/in-process-broadcaster.js";
import { RedisBroadcaster } from "./realtime/redis-broadcaster.js";
import { type DatabaseStore, openStore } from "./store/index.js";

export interface RunningDispatch {
  url: string;
  app: FastifyInstance;
  newsroom: Newsroom;
  store: DatabaseStore;
  hub: LiveHub;
  /** The METRICS_PORT listener's address, when there is one. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/**
 * The certificate and key named by TLS_CERT and TLS_KEY, checked to make a working pair now:
 * a bad file stops start-up naming the setting, not the first browser's handshake.
 */
async function readTls(
  config: Pick<Config, "tlsCert" | "tlsKey">,
): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (!config.tlsCert || !config.tlsKey) return undefined;
  const read = (file: string, setting: string) =>
    readFile(file).catch((error: unknown) => {
      throw new Error(`TLS ${setting} ${file}: ${error instanceof Error ? error.message : error}`);
    });
  const cert = await read(config.tlsCert, "TLS_CERT (--tls-cert)");
  const key = await read(config.tlsKey, "TLS_KEY (--tls-key)");
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `TLS_CERT (--tls-cert) and TLS_KEY (--tls-key) are not a usable PEM certificate and matching key: ${reason}`,
    );
  }
  return { cert, key };
}

export async function openNewsroomStore(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<DatabaseStore> {
  await mkdir(config.dataDir, { recursive: true });
  return openStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
}

export async function startDispatch(
  config: Config,
  options: {
    beforeListen?: (newsroom: Newsroom) => Promise<void>;
    schedulerMs?: number;
    /** Where log lines go instead of standard output (tests read the access log). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<RunningDispatch> {
  const tls = await readTls(config);
  const store = await openNewsroomStore(config);
  await store.migrate();
  let hub: LiveHub | undefined;
  const fanout = await buildFanout(config, () => hub?.resync());
  const broadcaster = config.purgeUrl
    ? new PurgingBroadcaster(fanout.broadcaster, { url: config.purgeUrl, store })
    : fanout.broadcaster;
  const newsroom: Newsroom = { store, broadcaster, clock: systemClock, blockWords: blockWordsFor };
  hub = new LiveHub({ changes: store, broadcaster, encode: presentChange });
  const liveHub = hub;
  const stopReporting = fanout.reportEvery(liveHub);
  const desk = new DeskHub({ broadcaster, encode: presentDeskEvent });
  const mediaDir = path.join(config.dataDir, "media");
  await mkdir(mediaDir, { recursive: true });
  const media = new DiskMediaStore(mediaDir);
  const uploadTmpDir = path.join(config.dataDir, "tmp");
  await prepareUploadTmpDir(uploadTmpDir);
  const metrics = new NewsroomMetrics();
  const workerMetrics = cluster.isWorker
    ? new WorkerMetrics(() =>
        processFamilies({
          newsroom,
          hub: liveHub,
          metrics,
          ...(fanout.bus ? { bus: fanout.bus } : {}),
        }),
      )
    : undefined;
  const fetcher = new GuardedFetcher({ allowPrivate: config.fetchAllowPrivate });
  const vapid = new VapidKeyring(store);
  // One image processing queue: uploads, imports, readers' photos and link cards' images.
  const uploads = new ImageUploads(media);
  const background = new Background({
    config,
    newsroom,
    hub: liveHub,
    media,
    uploads,
    fetcher,
    vapid,
    metrics,
    schedulerMs: options.schedulerMs ?? 1000,
  });
  const app = await createApp({
    vapid,
    metrics,
    ...(workerMetrics ? { workerMetrics } : {}),
    newsroom,
    hub,
    desk,
    readers: (blogId) => fanout.readers(liveHub, blogId),
    ...(fanout.bus ? { bus: fanout.bus } : {}),
    media,
    uploads,
    uploadTmpDir,
    fetcher,
    wakeWebhooks: () => background.wakeWebhooks(),
    logLevel: config.logLevel,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    trustProxy: config.trustProxy,
    pollVotesPerMinute: config.pollVotesPerMinute,
    contributions: {
      perHour: config.contributionsPerHour,
      difficulty: config.contributionChallengeBits,
    },
    numbers: background.numbers,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    publisher: {
      name: config.publisherName,
      ...(config.publisherLogo ? { logo: config.publisherLogo } : {}),
    },
    ...(config.adScriptOrigins.length > 0
      ? {
          adScripts: {
            origins: config.adScriptOrigins,
            ...(config.adScriptUrl ? { url: config.adScriptUrl } : {}),
          },
        }
      : {}),
    ...(tls ? { tls } : {}),
  });
  await options.beforeListen?.(newsroom);
  background.start(app);
  // Live streams never finish on their own: end them before the server waits for requests.
  app.addHook("preClose", async () => {
    background.stop();
    stopReporting();
    workerMetrics?.close();
    desk.close();
    await liveHub.close();
    await background.close();
  });
  await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  background.startListening(app);
  let metricsListener: MetricsListener | undefined;
  if (config.metricsPort !== undefined) {
    metrics.watchEventLoop();
    metricsListener = await listenForMetrics({
      port: config.metricsPort,
      host: config.metricsHost,
      collect: () =>
        collectMetrics({
          newsroom,
          hub: liveHub,
          metrics,
          ...(fanout.bus ? { bus: fanout.bus } : {}),
          ...(workerMetrics ? { workers: workerMetrics } : {}),
        }),
      onError: (error) => app.log.error({ err: error }, "collecting metrics failed"),
    }).catch(async (error: unknown) => {
      // The main port is already open: close it, and say which setting is at fault.
      await app.close();
      await broadcaster.close();
      await store.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`METRICS_PORT ${config.metricsPort} on ${config.metricsHost}: ${reason}`);
    });
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closed = false;
  return {
    url: `${tls ? "https" : "http"}://${host}:${port}`,
    app,
    newsroom,
    store,
    hub: liveHub,
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await metricsListener?.close();
      await app.close();
      await broadcaster.close();
      await store.close();
    },
  };
}

interface Fanout {
  broadcaster: Broadcaster;
  /** Live readers of a blog on every node (or worker). */
  readers(hub: LiveHub, blogId: string): Promise<ReaderCount>;
  /** Whether the bus to other nodes is up (Redis); unset when there is none to lose. */
  bus?: () => BusHealth;
  /** Starts sharing this node's reader counts; returns a stop function. */
  reportEvery(hub: LiveHub): () => void;
}

/**
 * How changes reach the other nodes: Redis when REDIS_URL is set, the cluster primary when
 * this is a `--workers` worker, and nowhere else for a single process.
 */
async function buildFanout(config: Config, onReconnect: () => void): Promise<Fanout> {
  const every = (report: () => void, ms: number) => {
    const timer = setInterval(report, ms);
    timer.unref();
    return () => clearInterval(timer);
  };
  if (config.redisUrl) {
    const redis = await RedisBroadcaster.connect({ url: config.redisUrl, onReconnect });
    return {
      broadcaster: redis,
      // Redis down: this node's own readers, said to be partial, rather than an error.
      readers: (hub, blogId) =>
        redis.readersAcrossNodes(blogId).then(
          (readers) => ({ readers }),
          () => ({ readers: hub.readerCount(blogId), partial: true as const }),
        ),
      bus: () => (redis.connected ? "ok" : "degraded"),
      reportEvery: (hub) =>
        every(() => void redis.reportReaders(hub.readerCounts(), 15).catch(() => {}), 5000),
    };
  }
  if (cluster.isWorker) {
    const relay = new ClusterBroadcaster();
    return {
      broadcaster: relay,
      readers: async (_hub, blogId) => ({ readers: await relay.readersAcrossWorkers(blogId) }),
      reportEvery: (hub) => every(() => relay.reportReaders(hub.readerCounts()), 1000),
    };
  }
  return {
    broadcaster: new InProcessBroadcaster(),
    readers: async (hub, blogId) => ({ readers: hub.readerCount(blogId) }),
    reportEvery: () => () => {},
  };
}
