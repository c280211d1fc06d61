// Field mode's outbox: posts published while the connection is down wait here, in IndexedDB,
// and go out in the order they were queued once the server can be reached again. Each item
// carries an Idempotency-Key made once when it is queued, so a send whose answer was lost (or
// a reload in the middle of one, or two tabs flushing at once) can never publish it twice.
// Each item also carries who queued it: the device is shared, the outbox is not. Only the
// signed-in person's own items go out (under their session, so under their name); everyone
// else's wait for their owner. It knows nothing of fetch or the DOM: the app hands it a store
// and a send function.

import type { KeyValueStore } from "./idb";

export interface OutboxItem {
  /** The Idempotency-Key, also the item's key in the store. */
  key: string;
  /** Queue order. */
  seq: number;
  slug: string;
  /**
   * The id of the person who queued it. Absent on items queued before the outbox recorded it:
   * nobody can tell whose those are, so they wait until someone says they are theirs.
   */
  userId?: string;
  /** `create` POSTs a new post; `update` PATCHes a post the server already has (a draft). */
  kind: "create" | "update";
  postId?: string;
  version?: number;
  body: Record<string, unknown>;
  /** A few words to show in the queue. */
  label: string;
  queuedAt: string;
  attempts: number;
  /** Why the server refused it; such an item waits for a person, not for a retry. */
  failed?: string;
}

export type SendOutcome =
  | { status: "sent" }
  /** Network down, server busy: try again later. */
  | { status: "retry"; message?: string }
  /** Not signed in any more: wait for a sign-in, then flush again. */
  | { status: "signed-out" }
  | { status: "refused"; message: string };

export interface OutboxOptions {
  store: KeyValueStore<OutboxItem>;
  send(item: OutboxItem): Promise<SendOutcome>;
  onChange?(items: readonly OutboxItem[]): void;
  newKey?(): string;
  now?(): Date;
  /** Runs `retry` after `ms`; returns a cancel function. */
  later?(retry: () => void, ms: number): () => void;
  /**
   * Runs a flush alone across every tab of this device (the browser's Web Locks); the queue
   * is re-read inside it, so what another tab has just sent is not sent again.
   */
  exclusive?(work: () => Promise<void>): Promise<void>;
}

export type NewOutboxItem = Pick<OutboxItem, "slug" | "kind" | "body" | "label"> &
  Partial<Pick<OutboxItem, "postId" | "version">> & {
    /** Who queues it: only they will send it. */
    userId: string;
    /** The key an earlier direct attempt already used, so the server can recognise it. */
    key?: string;
  };

/** A random UUID; randomUUID needs a secure context, getRandomValues works everywhere. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whose items these are, seen from the person signed in as `userId`. */
export interface Owned<T> {
  mine: T[];
  /** Queued (or kept) by someone else on this device: kept for them, never sent as us. */
  others: T[];
  /** From before the owner was recorded: kept aside until someone says they are theirs. */
  unknown: T[];
}

export function byOwner<T extends { userId?: string }>(
  items: readonly T[],
  userId: string | null,
): Owned<T> {
  const owned: Owned<T> = { mine: [], others: [], unknown: [] };
  for (const item of items) {
    if (item.userId === undefined) owned.unknown.push(item);
    else if (userId !== null && item.userId === userId) owned.mine.push(item);
    else owned.others.push(item);
  }
  return owned;
}

/** Waits after the Nth failed attempt: 1 s, 2 s, 4 s… up to 30 s. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  private items: OutboxItem[] = [];
  private flushing: Promise<void> | null = null;
  private again = false;
  private cancelRetry: (() => void) | null = null;
  /** Whose items go out now: the person the server confirmed signed in, or nobody. */
  private owner: string | null = null;
  private readonly options: Required<OutboxOptions>;

  constructor(options: OutboxOptions) {
    this.options = {
      onChange: () => {},
      newKey: idempotencyKey,
      now: () => new Date(),
      later: (retry, ms) => {
        const timer = setTimeout(retry, ms);
        return () => clearTimeout(timer);
      },
      exclusive: (work) => work(),
      ...options,
    };
  }

  /** Reads what an earlier page (or tab) left queued on this device. */
  async load(): Promise<readonly OutboxItem[]> {
    const stored = await this.options.store.all();
    this.items = stored.sort((a, b) => a.seq - b.seq);
    this.changed();
    return this.items;
  }

  get waiting(): readonly OutboxItem[] {
    return this.items;
  }

  /**
   * Sends from now on only what `userId` queued (null: nothing). Called with the person the
   * server has just confirmed; every send rides on that person's session, so it would carry
   * their name whoever wrote the post.
   */
  sendFor(userId: string | null): Promise<void> {
    this.owner = userId;
    this.cancelRetry?.();
    this.cancelRetry = null;
    return userId === null ? Promise.resolve() : this.flush();
  }

  /** Says that items queued before owners were recorded are `userId`'s, and sends them. */
  async claim(keys: readonly string[], userId: string): Promise<void> {
    for (const key of keys) {
      const item = this.items.find((i) => i.key === key);
      if (item && item.userId === undefined) await this.replace({ ...item, userId });
    }
    await this.flush();
  }

  /** Queues a post; it is on disk before this resolves. */
  async add(item: NewOutboxItem): Promise<OutboxItem> {
    const last = this.items.at(-1)?.seq ?? 0;
    const queued: OutboxItem = {
      ...item,
      key: item.key ?? this.options.newKey(),
      seq: Math.max(last + 1, this.options.now().getTime()),
      queuedAt: this.options.now().toISOString(),
      attempts: 0,
    };
    await this.options.store.put(queued);
    this.items = [...this.items, queued];
    this.changed();
    return queued;
  }

  async discard(key: string): Promise<void> {
    await this.options.store.delete(key);
    this.items = this.items.filter((item) => item.key !== key);
    this.changed();
  }

  /** Puts a refused item back in line (after the reporter fixed what was wrong elsewhere). */
  async retry(key: string): Promise<void> {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    const { failed: _failed, ...rest } = item;
    await this.replace({ ...rest, attempts: 0 });
    await this.flush();
  }

  /**
   * Sends waiting items in order, one at a time. Only one flush runs at once; a call during
   * a flush makes it go round once more. A retryable failure stops the round (later items
   * must not overtake it) and schedules the next with backoff.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.flushing = this.options
      .exclusive(async () => {
        do {
          this.again = false;
          await this.load();
          await this.round();
        } while (this.again);
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private async round(): Promise<void> {
    for (const { key } of [...this.items]) {
      // Read afresh: the item may have been discarded or changed while an earlier one went out.
      const item = this.items.find((i) => i.key === key);
      if (!item || item.failed) continue;
      // Checked before every send: a sign-out during the round stops it at once.
      if (this.owner === null || item.userId !== this.owner) continue;
      let outcome: SendOutcome;
      try {
        outcome = await this.options.send(item);
      } catch (error) {
        outcome = { status: "retry", message: String(error) };
      }
      if (outcome.status === "sent") {
        await this.options.store.delete(item.key);
        this.items = this.items.filter((i) => i.key !== item.key);
        this.changed();
        continue;
      }
      if (outcome.status === "refused") {
        await this.replace({ ...item, failed: outcome.message });
        continue;
      }
      if (outcome.status === "retry") {
        const attempts = item.attempts + 1;
        await this.replace({ ...item, attempts });
        this.cancelRetry = this.options.later(() => void this.flush(), backoffMs(attempts));
      }
      this.again = false;
      return;
    }
  }

  private async replace(item: OutboxItem): Promise<void> {
    await this.options.store.put(item);
    this.items = this.items.map((i) => (i.key === item.key ? item : i));
    this.changed();
  }

  private changed(): void {
    this.options.onChange(this.items);
  }
}
