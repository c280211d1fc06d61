// Cross-node fan-out over Redis pub/sub, for many `dispatch serve` processes on one
// PostgreSQL. A change is delivered to this node's readers at once and published for the
// others; each node ignores its own echo. Redis may lose messages (restart, network blip):
// readers never depend on it alone, since every node's hub notices sequence gaps and reads the
// change log, and `onReconnect` lets the hub re-check at once when Redis comes back.
// Also shares each node's live reader counts, so the newsroom sees the total.

import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Change } from "../core/change.js";
import type { DeskEvent } from "../core/desk.js";
import type { Broadcaster } from "../core/ports.js";
import { InProcessBroadcaster } from "./in-process-broadcaster.js";

const CHANGES = "dispatch:changes";
const DESK = "dispatch:desk";
const READERS = "dispatch:readers";

interface Envelope<T> {
  node: string;
  message: T;
}

export interface RedisBroadcasterOptions {
  url: string;
  onError?: (error: unknown) => void;
  /** Called when the subscription is back after a disconnect. */
  onReconnect?: () => void;
}

export class RedisBroadcaster implements Broadcaster {
  readonly node = randomUUID();
  readonly #local = new InProcessBroadcaster();
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #onError: (error: unknown) => void;
  #everReady = false;

  private constructor(options: RedisBroadcasterOptions) {
    this.#onError = options.onError ?? ((error) => console.error("Redis fan-out:", error));
    const redisOptions = { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: true };
    this.#pub = new Redis(options.url, redisOptions);
    this.#sub = new Redis(options.url, { ...redisOptions, enableOfflineQueue: true });
    for (const client of [this.#pub, this.#sub])
      client.on("error", (error) => this.#onError(error));
    this.#sub.on("ready", () => {
      if (this.#everReady) options.onReconnect?.();
      this.#everReady = true;
    });
    this.#sub.on("message", (channel: string, raw: string) => this.#receive(channel, raw));
  }

  /** Connects and subscribes; fails start-up with a clear message if Redis is unreachable. */
  static async connect(options: RedisBroadcasterOptions): Promise<RedisBroadcaster> {
    const broadcaster = new RedisBroadcaster(options);
    try {
      await Promise.all([broadcaster.#pub.connect(), broadcaster.#sub.connect()]);
      await broadcaster.#sub.subscribe(CHANGES, DESK);
    } catch (error) {
      broadcaster.#pub.disconnect();
      broadcaster.#sub.disconnect();
      throw new Error(`Cannot reach Redis at REDIS_URL: ${(error as Error).message}`);
    }
    return broadcaster;
  }

  async publish(change: Change): Promise<void> {
    await this.#local.publish(change);
    await this.#send(CHANGES, change);
  }

  subscribe(listener: (change: Change) => void): () => void {
    return this.#local.subscribe(listener);
  }

  async publishDesk(event: DeskEvent): Promise<void> {
    await this.#local.publishDesk(event);
    await this.#send(DESK, event);
  }

  subscribeDesk(listener: (event: DeskEvent) => void): () => void {
    return this.#local.subscribeDesk(listener);
  }

  /** Whether both connections are up: while not, changes reach other nodes only via the log. */
  get connected(): boolean {
    return this.#pub.status === "ready" && this.#sub.status === "ready";
  }

  /** Records this node's reader counts (blogId → readers), kept for `ttlSeconds`. */
  async reportReaders(counts: Map<string, number>, ttlSeconds: number): Promise<void> {
    const key = `${READERS}:${this.node}`;
    const multi = this.#pub.multi().del(key);
    if (counts.size) multi.hset(key, Object.fromEntries(counts));
    await multi.expire(key, ttlSeconds).exec();
  }

  /** Live readers of a blog across every node that reported recently. */
  async readersAcrossNodes(blogId: string): Promise<number> {
    let total = 0;
    let cursor = "0";
    do {
      const [next, keys] = await this.#pub.scan(cursor, "MATCH", `${READERS}:*`, "COUNT", 100);
      cursor = next;
      for (const key of keys) total += Number((await this.#pub.hget(key, blogId)) ?? 0);
    } while (cursor !== "0");
    return total;
  }

  async close(): Promise<void> {
    await this.#local.close();
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
  }

  async #send(channel: string, message: Change | DeskEvent): Promise<void> {
    const envelope: Envelope<Change | DeskEvent> = { node: this.node, message };
    try {
      await this.#pub.publish(channel, JSON.stringify(envelope));
    } catch (error) {
      // Other nodes recover the change from the log; publishing must not fail because of it.
      this.#onError(error);
    }
  }

  #receive(channel: string, raw: string): void {
    let envelope: Envelope<unknown>;
    try {
      envelope = JSON.parse(raw) as Envelope<unknown>;
    } catch (error) {
      this.#onError(error);
      return;
    }
    if (envelope.node === this.node) return;
    if (channel === CHANGES) void this.#local.publish(envelope.message as Change);
    else if (channel === DESK) void this.#local.publishDesk(envelope.message as DeskEvent);
  }
}
