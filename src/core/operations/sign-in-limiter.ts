// Throttles password guessing without locking the owner out. Failures are counted per key:
//
// - `pair:EMAIL ADDRESS`: one email from one client address. Past 5 failures each further
//   attempt waits for a delay after the last failure that doubles with every failure (1 s,
//   2 s, 4 s… at most 5 minutes). A stranger guessing from one address slows only themself.
// - `email:EMAIL` and `address:ADDRESS`: broader ceilings (20 failures each, then the same
//   growing delays) that catch guesses spread over many addresses, or one address trying many
//   emails. They apply only to devices the email does not recognise.
// - `device:ID`: a device holding a valid recognised-device cookie for the email (see
//   recognised-devices.ts) is counted on its own, like a pair, and nothing strangers did
//   holds it back: the owner signs in from their usual browser while their email is hammered.
//
// A key's failures are forgotten once none has come for 15 minutes, so a guesser who keeps
// going keeps waiting the longest delay, while a typo made yesterday is long forgotten.
//
// Counts are kept in the database, the one thing every node and worker shares: behind a load
// balancer, guesses spread over many nodes meet one count, not one per node.
//
// Correct under concurrency: an attempt takes its slot *before* the (slow, async) password
// check, in a transaction that locks its keys' counts, and gives it back only on success; so
// ten guesses sent at once, to one node or to several, cannot all slip in before the first
// failure is counted. A refused guess is decided from a plain read and writes nothing.

import { DomainError } from "../errors.js";
import type { Newsroom, Store } from "../ports.js";

export interface LimiterOptions {
  /** Failures allowed to one email from one address (or one recognised device) before delays. */
  perPair: number;
  /** Failures allowed to one email from devices it does not recognise, from anywhere. */
  perEmail: number;
  /** Failures allowed from one address, across emails, by devices not recognised. */
  perAddress: number;
  /** The wait after the first failure past a limit; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key's failures are forgotten after this long without a new one. */
  windowMs: number;
}

const DEFAULTS: LimiterOptions = {
  perPair: 5,
  perEmail: 20,
  perAddress: 20,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60 * 1000,
  windowMs: 15 * 60 * 1000,
};
/** How far apart the nodes' clocks may be: an attempt recorded further in the future is bogus. */
const CLOCK_DRIFT_MS = 60 * 1000;

export type ThrottleScope = "pair" | "device" | "email" | "address";

/** A failure that brought a key to its limit: from now on its attempts are slowed. */
export interface Throttling {
  scope: ThrottleScope;
  email: string;
  address: string;
  /** The failures counted for the key, the limit it reached. */
  count: number;
}

/** Where an attempt comes from: the client's address, and its recognised device if any. */
export interface SignInSource {
  address: string;
  /** The device id from a valid recognised-device cookie naming this email's user. */
  device?: string;
}

/** One attempt in progress: report how it went exactly once. */
export interface SignInAttempt {
  /**
   * Wrong password: the attempt stays counted, as of now. Returns the limits it reached that
   * admins have not been told of in this window, marked as told: pass the transaction that
   * writes the audit entries (`tx`), so the mark and the entries are kept together.
   */
  failed(tx?: Store): Promise<Throttling[]>;
  /** Right password: this pair's (or device's) failures are forgotten, and this one too. */
  succeeded(): Promise<void>;
}

interface Check {
  key: string;
  limit: number;
  scope: ThrottleScope;
}

export class SignInLimiter {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  readonly #options: LimiterOptions;
  /** Failures kept per key past its limit: enough that the delay has reached its longest. */
  readonly #keepPastLimit: number;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">, options: Partial<LimiterOptions> = {}) {
    this.#newsroom = newsroom;
    this.#options = { ...DEFAULTS, ...options };
    const { firstDelayMs, maxDelayMs } = this.#options;
    this.#keepPastLimit = Math.ceil(Math.log2(Math.max(1, maxDelayMs / firstDelayMs))) + 1;
  }

  /**
   * Takes a slot for one attempt, or throws `too_many_attempts` with `details.retryAfter`
   * (whole seconds until the attempt may be made).
   */
  async begin(email: string, source: SignInSource): Promise<SignInAttempt> {
    const { store, clock } = this.#newsroom;
    const started = clock.now().getTime();
    const checks = this.#checks(email, source);
    const keys = checks.map((check) => check.key);
    // A guess that must wait is refused from a plain read: a flood of them (the cheapest
    // requests an attacker can send, as they skip the password check) takes no write lock.
    const seen = await store.readSignInAttempts(keys);
    this.#refuseIfWaiting(checks, seen, started);
    const reached: Throttling[] = [];
    await store.transaction(async (tx) => {
      const at = new Date(started).toISOString();
      const recorded = await tx.lockSignInAttempts(keys, at);
      // Checked again under the lock: another attempt may have taken the slot meanwhile.
      this.#refuseIfWaiting(checks, recorded, started);
      for (const check of checks) {
        const times = [...this.#live(recorded.get(check.key), started), started];
        if (times.length === check.limit) {
          reached.push({ scope: check.scope, email, address: source.address, count: times.length });
        }
        await tx.saveSignInAttempts(check.key, this.#kept(check, times), at);
      }
    });
    let settled = false;
    /** Runs `work` in the caller's transaction if given, else in one of its own. */
    const inTransaction = (tx: Store | undefined, work: (tx: Store) => Promise<void>) =>
      tx ? work(tx) : store.transaction(work);
    return {
      failed: async (tx) => {
        if (settled) return [];
        settled = true;
        const now = clock.now().getTime();
        const at = new Date(now).toISOString();
        let announced: Throttling[] = [];
        await inTransaction(tx, async (tx) => {
          const recorded = await tx.lockSignInAttempts(keys, at);
          for (const check of checks) {
            // The wait runs from the answer, not from the start of a slow password check.
            const times = this.#live(recorded.get(check.key), now);
            const index = times.lastIndexOf(started);
            if (index >= 0) times.splice(index, 1);
            times.push(now);
            await tx.saveSignInAttempts(check.key, this.#kept(check, times), at);
          }
          announced = await this.#toAnnounce(tx, reached, now);
        });
        return announced;
      },
      succeeded: async () => {
        if (settled) return;
        settled = true;
        const now = clock.now().getTime();
        const at = new Date(now).toISOString();
        await store.transaction(async (tx) => {
          const recorded = await tx.lockSignInAttempts(keys, at);
          for (const check of checks) {
            // The ceilings strangers built are not the owner's to clear: only this attempt
            // is given back there.
            const ownOnly = check.scope === "pair" || check.scope === "device";
            const times = ownOnly ? [] : this.#live(recorded.get(check.key), now);
            const index = times.lastIndexOf(started);
            if (index >= 0) times.splice(index, 1);
            await tx.saveSignInAttempts(check.key, times, at);
          }
        });
      },
    };
  }

  /** The newest of a key's failures, as many as still change its wait: the rest need no keeping. */
  #kept(check: Check, times: readonly number[]): number[] {
    return times.slice(-(check.limit + this.#keepPastLimit));
  }

  /**
   * Of the limits just reached, those admins have not yet been told about in this window
   * (one notice per email, or per address for the address ceiling), marked as told.
   */
  async #toAnnounce(tx: Store, reached: readonly Throttling[], now: number): Promise<Throttling[]> {
    const at = new Date(now).toISOString();
    const announced: Throttling[] = [];
    const told = new Set<string>();
    for (const throttling of reached) {
      const key =
        throttling.scope === "address"
          ? `notice:address:${throttling.address}`
          : `notice:email:${throttling.email}`;
      if (told.has(key)) continue;
      told.add(key);
      const recorded = await tx.lockSignInAttempts([key], at);
      if (this.#live(recorded.get(key), now).length > 0) continue;
      await tx.saveSignInAttempts(key, [now], at);
      announced.push(throttling);
    }
    return announced;
  }

  #checks(email: string, { address, device }: SignInSource): Check[] {
    const { perPair, perEmail, perAddress } = this.#options;
    if (device !== undefined) return [{ key: `device:${device}`, limit: perPair, scope: "device" }];
    return [
      { key: `pair:${email} ${address}`, limit: perPair, scope: "pair" },
      { key: `email:${email}`, limit: perEmail, scope: "email" },
      { key: `address:${address}`, limit: perAddress, scope: "address" },
    ];
  }

  /** Throws `too_many_attempts` when any of the keys must still wait. */
  #refuseIfWaiting(
    checks: readonly Check[],
    recorded: ReadonlyMap<string, readonly number[]>,
    now: number,
  ): void {
    const wait = Math.max(
      0,
      ...checks.map((check) =>
        this.#waitMs(this.#live(recorded.get(check.key), now), check.limit, now),
      ),
    );
    if (wait <= 0) return;
    const retryAfter = Math.max(1, Math.ceil(wait / 1000));
    throw new DomainError(
      "too_many_attempts",
      `Too many failed sign-ins; try again in ${describeWait(retryAfter)}`,
      { details: { retryAfter } },
    );
  }

  /** How long until the next attempt may be made; 0 when it may be made now. */
  #waitMs(times: readonly number[], limit: number, now: number): number {
    const last = times.at(-1);
    if (times.length < limit || last === undefined) return 0;
    const { firstDelayMs, maxDelayMs } = this.#options;
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (times.length - limit));
    return last + delay - now;
  }

  /**
   * The failures that still count, oldest first: the latest run of them with no gap of a
   * window between two, ending less than a window ago. A time further ahead of `now` than
   * clocks drift apart was recorded by a node whose clock was wrong; it is dropped, or it
   * would hold its key back for as long as that clock was ahead.
   */
  #live(times: readonly number[] | undefined, now: number): number[] {
    const { windowMs } = this.#options;
    const sorted = (times ?? []).filter((t) => t <= now + CLOCK_DRIFT_MS).sort((a, b) => a - b);
    let start = sorted.length;
    let next = now;
    while (start > 0) {
      const time = sorted[start - 1] as number;
      if (next - time >= windowMs) break;
      next = time;
      start -= 1;
    }
    return sorted.slice(start);
  }
}

/** Forgets the counts of keys with no attempt inside the window. */
export function forgetOldSignInAttempts(
  newsroom: Pick<Newsroom, "store" | "clock">,
  windowMs = DEFAULTS.windowMs,
): Promise<number> {
  const before = new Date(newsroom.clock.now().getTime() - windowMs).toISOString();
  return newsroom.store.deleteSignInAttemptsBefore(before);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds === 1 ? "a second" : `${seconds} seconds`}`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}
