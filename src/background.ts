// What a serving process runs besides answering requests: the scheduler (scheduled posts going
// out, polls reaching their closing time, and the sweeps of old idempotency keys, sign-in counts
// and readers' lapsed personal data), the webhook and alert workers (woken by a change on any
// node), the desk's numbers written every few seconds, and, once the server listens, the
// syndication follower and the link-card unfurler. main.ts builds it before the app (which
// counts into `numbers` and wakes the webhooks), starts it, and stops it as the app closes.

import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { VapidKeyring } from "./alerts/vapid.js";
import { AlertWorker } from "./alerts/worker.js";
import type { Config } from "./config/index.js";
import { systemClock } from "./core/clock.js";
import { eraseLapsedContributorData } from "./core/operations/contributions.js";
import { closeDuePolls } from "./core/operations/poll-closings.js";
import { forgetOldIdempotencyKeys, publishDuePosts } from "./core/operations/posts.js";
import { forgetOldSignInAttempts } from "./core/operations/sign-in-limiter.js";
import type { MediaStore, Newsroom } from "./core/ports.js";
import { presentBlog } from "./http/presenters/blogs.js";
import { presentFigures } from "./http/presenters/figures.js";
import { presentPost } from "./http/presenters/posts.js";
import type { ImageUploads } from "./media/uploads.js";
import type { NewsroomMetrics } from "./metrics/newsroom-metrics.js";
import { NumbersCounter } from "./numbers/counter.js";
import { GuardedFetcher } from "./outbound/guarded-fetch.js";
import { LinkCardUnfurler } from "./outbound/link-card-unfurler.js";
import type { LiveHub } from "./realtime/hub.js";
import { Follower } from "./syndication/follower.js";
import { DeliveryWorker } from "./webhooks/worker.js";

export interface BackgroundDeps {
  config: Config;
  newsroom: Newsroom;
  hub: LiveHub;
  media: MediaStore;
  /** The one image processing queue, which link cards' images go through too. */
  uploads: ImageUploads;
  /** The fetcher the webhook and alert workers send with (the app's own). */
  fetcher: GuardedFetcher;
  vapid: VapidKeyring;
  metrics: NewsroomMetrics;
  /** How often the scheduler looks for due work. */
  schedulerMs: number;
}

export class Background {
  /** Where the app counts permalink opens, shares and embed loads for the desk. */
  readonly numbers: NumbersCounter;
  readonly #deps: BackgroundDeps;
  readonly #webhooks: DeliveryWorker;
  readonly #alerts: AlertWorker;
  /** The app's log, from start(): nothing here runs, so nothing fails, before then. */
  #log: FastifyBaseLogger | undefined;
  #stopScheduler = () => {};
  #stopWaking = () => {};
  #follower: Follower | undefined;
  #linkCards: LinkCardUnfurler | undefined;

  constructor(deps: BackgroundDeps) {
    this.#deps = deps;
    const { config, newsroom, hub, fetcher, metrics } = deps;
    const { store } = newsroom;
    // The desk's numbers: counted in memory on each request, written every few seconds, and
    // this process's live readers sampled under its own node id (summed with other nodes').
    this.numbers = new NumbersCounter({
      store,
      readerCounts: () => hub.readerCounts(),
      flushMs: config.numbersFlushMs,
      sampleMs: config.readersSampleMs,
      onError: (error) => this.#error(error, "writing the desk's numbers failed"),
    });
    this.#webhooks = new DeliveryWorker({
      store,
      clock: systemClock,
      fetcher,
      present: {
        blog: presentBlog,
        post: presentPost,
        figures: (box) => presentFigures(box).figures,
      },
      retryBaseMs: config.webhookRetryBaseMs,
      onAttempt: (outcome) => metrics.webhookAttempt(outcome),
      onError: (error) => this.#error(error, "sending webhooks failed"),
    });
    this.#alerts = new AlertWorker({
      store,
      clock: systemClock,
      fetcher,
      keyring: deps.vapid,
      ...(config.alertsContact ? { contact: config.alertsContact } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      retryBaseMs: config.alertsRetryBaseMs,
      onError: (error) => this.#error(error, "sending alerts failed"),
    });
  }

  /** A delivery was queued by a request on this node: look for it now. */
  wakeWebhooks(): void {
    this.#webhooks.wake();
  }

  /** Starts the scheduler and the workers, logging their failures on the app's log. */
  start(app: FastifyInstance): void {
    const { newsroom, config, schedulerMs, media } = this.#deps;
    this.#log = app.log;
    this.#stopScheduler = startScheduler(
      newsroom,
      schedulerMs,
      app.log,
      config.contributionRetentionDays,
      media,
    );
    // Deliveries queued by a change on any node: look for them as soon as it is heard of.
    this.#stopWaking = newsroom.broadcaster.subscribe(() => {
      this.#webhooks.wake();
      this.#alerts.wake();
    });
    this.#webhooks.start();
    this.#alerts.start();
    this.numbers.start();
  }

  /** Once the app listens (its port, so its own addresses, known): follows and link cards. */
  startListening(app: FastifyInstance): void {
    const { config, newsroom, uploads } = this.#deps;
    const own = ownHosts(config, app);
    this.#follower = startFollower(config, newsroom, app.log, own);
    this.#linkCards = startLinkCards(config, newsroom, app.log, own, uploads);
  }

  /** First as the app closes: no more scheduled work, wake-ups or deliveries. */
  stop(): void {
    this.#stopScheduler();
    this.#stopWaking();
    this.#webhooks.close();
    this.#alerts.close();
  }

  /**
   * Last as the app closes, once the live streams have ended: what was counted since the last
   * flush is written before the store closes, then the follower and the link cards end.
   */
  async close(): Promise<void> {
    await this.numbers.close();
    await this.#follower?.close();
    await this.#linkCards?.close();
  }

  #error(error: unknown, message: string): void {
    this.#log?.error({ err: error }, message);
  }
}

/**
 * This site's own addresses as the listening server answers them: images on them are left out
 * of what a followed blog sends and of link cards (see http/own-origin.ts for why).
 */
function ownHosts(config: Config, app: FastifyInstance): (host: string) => boolean {
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const own = new Set([`${config.host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  if (config.publicUrl) own.add(new URL(config.publicUrl).host.toLowerCase());
  return (host) => own.has(host);
}

/** Follows the blogs newsrooms set to follow others (src/syndication). */
function startFollower(
  config: Config,
  newsroom: Newsroom,
  log: FastifyBaseLogger,
  isOwnHost: (host: string) => boolean,
): Follower {
  const follower = new Follower({
    newsroom,
    fetcher: new GuardedFetcher({ allowPrivate: config.fetchAllowPrivate }),
    context: { isOwnHost },
    onError: (error, follow) =>
      log.error({ err: error, blogId: follow.blogId }, "following a blog failed"),
  });
  follower.start();
  return follower;
}

/**
 * Reads the link cards of what this process publishes (outbound/link-card-unfurler.ts), with
 * a short time limit per page and image; a card's image is copied through the uploads' queue,
 * one on this site's own addresses left out.
 */
function startLinkCards(
  config: Config,
  newsroom: Newsroom,
  log: FastifyBaseLogger,
  isOwnHost: (host: string) => boolean,
  images: ImageUploads,
): LinkCardUnfurler {
  const unfurler = new LinkCardUnfurler(
    newsroom,
    new GuardedFetcher({ allowPrivate: config.fetchAllowPrivate, timeoutMs: LINK_CARD_TIMEOUT_MS }),
    {
      isOwnHost,
      images,
      onError: (error) => log.error({ err: error }, "reading a link card failed"),
    },
  );
  newsroom.linkCards = unfurler;
  return unfurler;
}

/** How long a linked page has to answer before its link stays a plain card. */
const LINK_CARD_TIMEOUT_MS = 4000;

/** How often old idempotency keys are swept out. */
const KEY_SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Sends out scheduled posts when their time comes and tells readers of polls that have closed
 * (both read the store, so they survive restarts), and now and then forgets old idempotency
 * keys and sign-in counts, and readers' contact details and address hashes past
 * CONTRIBUTION_RETENTION_DAYS.
 */
function startScheduler(
  newsroom: Newsroom,
  everyMs: number,
  log: FastifyBaseLogger,
  contributionRetentionDays: number,
  media: MediaStore,
): () => void {
  let running = false;
  let sweptAt = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const sweep = Date.now() - sweptAt >= KEY_SWEEP_EVERY_MS;
    if (sweep) sweptAt = Date.now();
    publishDuePosts(newsroom)
      .catch((error) => log.error({ err: error }, "publishing scheduled posts failed"))
      .then(() => closeDuePolls(newsroom))
      .catch((error) => log.error({ err: error }, "announcing closed polls failed"))
      .then(() => (sweep ? forgetOldIdempotencyKeys(newsroom) : 0))
      .catch((error) => log.error({ err: error }, "forgetting old idempotency keys failed"))
      .then(() => (sweep ? forgetOldSignInAttempts(newsroom) : 0))
      .catch((error) => log.error({ err: error }, "forgetting old sign-in attempts failed"))
      .then(() =>
        sweep ? eraseLapsedContributorData(newsroom, contributionRetentionDays, media) : 0,
      )
      .catch((error) => log.error({ err: error }, "erasing contributors' data failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
