// This node's own counters that live outside the hub (publishes by outcome, HTTP answers by
// route and status class), the process's health (memory, CPU, event-loop delay, open files),
// and the one place that turns all of them, with the hub's, into metric families.

import { readdirSync } from "node:fs";
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import type { PostStatus } from "../core/post.js";
import type { MetricFamily, Sample } from "./exposition.js";
import type { LiveStats } from "./live-stats.js";

const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

/** What a scrape reads from elsewhere, at scrape time. */
export interface ScrapeSources {
  live: LiveStats;
  /** Open streams per blog slug on this node. */
  readersBySlug: Map<string, number>;
  totalReaders: number;
  /** Whether a cheap query of the database just succeeded. */
  databaseUp: boolean;
  /** Unset for a single process: there is no bus to lose. */
  busUp?: boolean;
}

export class NewsroomMetrics {
  readonly publishes: Record<PostStatus, number> = {
    published: 0,
    scheduled: 0,
    draft: 0,
    submitted: 0,
  };
  /** Webhook delivery attempts this node made, by how they ended. */
  readonly webhookAttempts: Record<"delivered" | "retrying" | "failed", number> = {
    delivered: 0,
    retrying: 0,
    failed: 0,
  };
  /** Route pattern → answers per status class (index 0 is 1xx). */
  readonly #http = new Map<string, number[]>();
  #loopDelay: IntervalHistogram | null = null;

  published(status: PostStatus): void {
    this.publishes[status]++;
  }

  webhookAttempt(outcome: keyof NewsroomMetrics["webhookAttempts"]): void {
    this.webhookAttempts[outcome]++;
  }

  /** One HTTP answer. The route is Fastify's pattern, so the label set stays small. */
  answered(route: string, statusCode: number): void {
    const index = Math.floor(statusCode / 100) - 1;
    if (index < 0 || index >= STATUS_CLASSES.length) return;
    let counts = this.#http.get(route);
    if (!counts) {
      counts = [0, 0, 0, 0, 0];
      this.#http.set(route, counts);
    }
    counts[index] = (counts[index] ?? 0) + 1;
  }

  /** Starts sampling event-loop delay; only worth its timer when metrics are scraped. */
  watchEventLoop(): void {
    if (this.#loopDelay) return;
    this.#loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.#loopDelay.enable();
  }

  stop(): void {
    this.#loopDelay?.disable();
    this.#loopDelay = null;
  }

  families(sources: ScrapeSources): MetricFamily[] {
    const live = sources.live;
    const families: MetricFamily[] = [
      gauge(
        "dispatch_live_readers",
        "Open live event streams per blog on this node.",
        [...sources.readersBySlug].map(([blog, value]) => ({ labels: { blog }, value })),
      ),
      gauge("dispatch_live_readers_total", "Open live event streams on this node.", [
        { value: sources.totalReaders },
      ]),
      gauge(
        "dispatch_live_shared_streams",
        "Open connections carrying several blogs for a browser's tabs (each blog on one also counts as a reader).",
        [{ value: live.sharedStreams }],
      ),
      counter(
        "dispatch_posts_created_total",
        "Posts created through the API on this node, by what became of them.",
        Object.entries(this.publishes).map(([outcome, value]) => ({ labels: { outcome }, value })),
      ),
      counter(
        "dispatch_changes_received_total",
        "Changes to blogs this node's live hub received from the broadcaster (from every node).",
        [{ value: live.changesReceived }],
      ),
      {
        name: "dispatch_event_lag_seconds",
        help: "Time from a change's commit to its event being written to this node's readers.",
        type: "histogram",
        histogram: live.eventLag,
      },
      counter("dispatch_replays_total", "Reconnecting readers sent what they missed.", [
        { value: live.replays },
      ]),
      counter("dispatch_replayed_events_total", "Events sent in replays.", [
        { value: live.replayedEvents },
      ]),
      counter("dispatch_resets_total", "Readers too far behind, sent a reset event instead.", [
        { value: live.resets },
      ]),
      counter(
        "dispatch_webhook_attempts_total",
        "Webhook delivery attempts from this node: delivered, failed but retrying, failed for good.",
        Object.entries(this.webhookAttempts).map(([outcome, value]) => ({
          labels: { outcome },
          value,
        })),
      ),
      gauge("dispatch_database_up", "1 if a query of the database just succeeded, else 0.", [
        { value: sources.databaseUp ? 1 : 0 },
      ]),
    ];
    if (sources.busUp !== undefined) {
      families.push(
        gauge("dispatch_bus_up", "1 if the bus to other nodes (Redis) is connected, else 0.", [
          { value: sources.busUp ? 1 : 0 },
        ]),
      );
    }
    families.push(
      counter(
        "dispatch_http_requests_total",
        "HTTP answers by route and status class (event streams and cached live pages not included).",
        [...this.#http].flatMap(([route, counts]) =>
          STATUS_CLASSES.flatMap((status, i) => {
            const value = counts[i] ?? 0;
            return value > 0 ? [{ labels: { route, status }, value }] : [];
          }),
        ),
      ),
      ...this.#processFamilies(),
    );
    return families;
  }

  #processFamilies(): MetricFamily[] {
    const cpu = process.cpuUsage();
    const families: MetricFamily[] = [
      gauge("process_resident_memory_bytes", "Resident memory size in bytes.", [
        { value: process.memoryUsage.rss() },
      ]),
      counter("process_cpu_seconds_total", "User and system CPU time spent in seconds.", [
        { value: (cpu.user + cpu.system) / 1e6 },
      ]),
    ];
    const loop = this.#loopDelay;
    if (loop && loop.count > 0) {
      // Since the last scrape: each scrape sees the delay of its own interval.
      families.push(
        gauge("nodejs_eventloop_delay_p99_seconds", "Event-loop delay, 99th percentile.", [
          { value: loop.percentile(99) / 1e9 },
        ]),
        gauge("nodejs_eventloop_delay_max_seconds", "Event-loop delay, the longest seen.", [
          { value: loop.max / 1e9 },
        ]),
      );
      loop.reset();
    }
    const fds = openFileDescriptors();
    if (fds !== null) {
      families.push(gauge("process_open_fds", "Open file descriptors.", [{ value: fds }]));
    }
    return families;
  }
}

/** Where /proc is readable (Linux); null elsewhere. */
function openFileDescriptors(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

function gauge(name: string, help: string, samples: Sample[]): MetricFamily {
  return { name, help, type: "gauge", samples };
}

function counter(name: string, help: string, samples: Sample[]): MetricFamily {
  return { name, help, type: "counter", samples };
}
