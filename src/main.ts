// The composition root: reads config, builds the store, broadcaster, live hub and HTTP app,
// and starts the roles (the web server and the scheduler that sends out scheduled posts).
// The CLI's `serve` and the integration tests start Dispatch through startDispatch().

import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config/index.js";
import { systemClock } from "./core/clock.js";
import { publishDuePosts } from "./core/operations/posts.js";
import type { Newsroom } from "./core/ports.js";
import { createApp } from "./http/app.js";
import { presentChange } from "./http/presenters.js";
import { LiveHub } from "./realtime/hub.js";
import { InProcessBroadcaster } from "./realtime/in-process-broadcaster.js";
import { type DatabaseStore, openStore } from "./store/index.js";

export interface RunningDispatch {
  url: string;
  app: FastifyInstance;
  newsroom: Newsroom;
  store: DatabaseStore;
  hub: LiveHub;
  close(): Promise<void>;
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
  options: { beforeListen?: (newsroom: Newsroom) => Promise<void>; schedulerMs?: number } = {},
): Promise<RunningDispatch> {
  const store = await openNewsroomStore(config);
  await store.migrate();
  const broadcaster = new InProcessBroadcaster();
  const newsroom: Newsroom = { store, broadcaster, clock: systemClock };
  const hub = new LiveHub({ changes: store, broadcaster, encode: presentChange });
  const mediaDir = path.join(config.dataDir, "media");
  await mkdir(mediaDir, { recursive: true });
  const app = await createApp({
    newsroom,
    hub,
    mediaDir,
    logLevel: config.logLevel,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  await options.beforeListen?.(newsroom);
  const stopScheduler = startScheduler(newsroom, options.schedulerMs ?? 1000, app);
  // Live streams never finish on their own: end them before the server waits for requests.
  app.addHook("preClose", async () => {
    stopScheduler();
    await hub.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    app,
    newsroom,
    store,
    hub,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await broadcaster.close();
      await store.close();
    },
  };
}

/** Sends out scheduled posts when their time comes; survives restarts because it reads the store. */
function startScheduler(newsroom: Newsroom, everyMs: number, app: FastifyInstance): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    publishDuePosts(newsroom)
      .catch((error) => app.log.error({ err: error }, "publishing scheduled posts failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
