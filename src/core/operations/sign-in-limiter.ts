// Throttles password guessing: at most 5 failed sign-ins per email and 20 per client address
// in any 15 minutes; beyond that, even the right password is refused until the window moves.
//
// Counts live in this process's memory: attempts are frequent, short-lived and worthless after
// 15 minutes, so they do not belong in the database. Several nodes each keep their own count,
// which multiplies the allowance by the number of nodes but never lets one node be hammered.
//
// Correct under concurrency: an attempt takes its slot *before* the (slow, async) password
// check and gives it back only on success, so ten guesses sent at once cannot all slip in
// before the first failure is counted.

import type { Clock } from "../clock.js";
import { DomainError } from "../errors.js";

export interface LimiterOptions {
  perEmail: number;
  perAddress: number;
  windowMs: number;
}

const DEFAULTS: LimiterOptions = { perEmail: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };
/** Past this many keys, a begin() also sweeps out keys whose attempts have all expired. */
const SWEEP_ABOVE = 10_000;

/** One attempt in progress: report how it went exactly once. */
export interface SignInAttempt {
  /** Wrong password: the attempt stays counted against the email and the address. */
  failed(): void;
  /** Right password: the email's failures are forgotten and this attempt is not counted. */
  succeeded(): void;
}

export class SignInLimiter {
  readonly #clock: Clock;
  readonly #options: LimiterOptions;
  /** Attempt times (ms) per key, oldest first; keys are "email:…" and "address:…". */
  readonly #attempts = new Map<string, number[]>();

  constructor(clock: Clock, options: Partial<LimiterOptions> = {}) {
    this.#clock = clock;
    this.#options = { ...DEFAULTS, ...options };
  }

  /**
   * Takes a slot for one attempt, or throws `too_many_attempts` with `details.retryAfter`
   * (whole seconds until a slot frees up).
   */
  begin(email: string, address: string): SignInAttempt {
    const now = this.#clock.now().getTime();
    if (this.#attempts.size > SWEEP_ABOVE) this.#sweep(now);
    const emailKey = `email:${email}`;
    const addressKey = `address:${address}`;
    const wait = Math.max(
      this.#waitMs(emailKey, this.#options.perEmail, now),
      this.#waitMs(addressKey, this.#options.perAddress, now),
    );
    if (wait > 0) {
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      throw new DomainError(
        "too_many_attempts",
        `Too many failed sign-ins; try again in ${describeWait(retryAfter)}`,
        { details: { retryAfter } },
      );
    }
    this.#push(emailKey, now);
    this.#push(addressKey, now);
    let settled = false;
    return {
      failed: () => {
        settled = true;
      },
      succeeded: () => {
        if (settled) return;
        settled = true;
        this.#attempts.delete(emailKey);
        this.#remove(addressKey, now);
      },
    };
  }

  /** How long until `key` is below `max` attempts in the window; 0 when it is already. */
  #waitMs(key: string, max: number, now: number): number {
    const times = this.#live(key, now);
    if (times.length < max) return 0;
    // The count falls below max once the attempt at index (length - max) leaves the window.
    const freeing = times[times.length - max] ?? now;
    return freeing + this.#options.windowMs - now;
  }

  /** The key's attempts still inside the window, dropping older ones (and empty keys). */
  #live(key: string, now: number): number[] {
    const times = this.#attempts.get(key);
    if (!times) return [];
    const since = now - this.#options.windowMs;
    let expired = 0;
    while (expired < times.length && (times[expired] ?? now) <= since) expired += 1;
    if (expired > 0) times.splice(0, expired);
    if (times.length === 0) this.#attempts.delete(key);
    return times;
  }

  #push(key: string, at: number): void {
    const times = this.#attempts.get(key);
    if (times) times.push(at);
    else this.#attempts.set(key, [at]);
  }

  #remove(key: string, at: number): void {
    const times = this.#attempts.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.#attempts.delete(key);
  }

  #sweep(now: number): void {
    for (const key of [...this.#attempts.keys()]) this.#live(key, now);
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}
