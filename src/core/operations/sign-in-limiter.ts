// Throttles password guessing: at most 5 failed sign-ins per email and 20 per client address
// in any 15 minutes; beyond that, even the right password is refused until the window moves.
//
// Counts are kept in the database, the one thing every node and worker shares: behind a load
// balancer, guesses spread over many nodes meet one count, not one per node. Sign-ins are
// rare next to the password check each one costs, and a failed one is audited anyway.
//
// Correct under concurrency: an attempt takes its slot *before* the (slow, async) password
// check, in a transaction that locks the email's and the address's counts, and gives it back
// only on success; so ten guesses sent at once, to one node or to several, cannot all slip in
// before the first failure is counted.

import { DomainError } from "../errors.js";
import type { Newsroom } from "../ports.js";

export interface LimiterOptions {
  perEmail: number;
  perAddress: number;
  windowMs: number;
}

const DEFAULTS: LimiterOptions = { perEmail: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };
/** How far apart the nodes' clocks may be: an attempt recorded further in the future is bogus. */
const CLOCK_DRIFT_MS = 60 * 1000;

/** One attempt in progress: report how it went exactly once. */
export interface SignInAttempt {
  /** Wrong password: the attempt stays counted against the email and the address. */
  failed(): void;
  /** Right password: the email's failures are forgotten and this attempt is not counted. */
  succeeded(): Promise<void>;
}

export class SignInLimiter {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  readonly #options: LimiterOptions;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">, options: Partial<LimiterOptions> = {}) {
    this.#newsroom = newsroom;
    this.#options = { ...DEFAULTS, ...options };
  }

  /**
   * Takes a slot for one attempt, or throws `too_many_attempts` with `details.retryAfter`
   * (whole seconds until a slot frees up).
   */
  async begin(email: string, address: string): Promise<SignInAttempt> {
    const { store, clock } = this.#newsroom;
    const started = clock.now().getTime();
    const emailKey = `email:${email}`;
    const addressKey = `address:${address}`;
    // A guess past the limit is refused from a plain read: a flood of them (the cheapest
    // requests an attacker can send, as they skip the password check) takes no write lock.
    const seen = await store.readSignInAttempts([emailKey, addressKey]);
    this.#refuseIfFull(
      this.#live(seen.get(emailKey), started),
      this.#live(seen.get(addressKey), started),
      started,
    );
    await store.transaction(async (tx) => {
      const at = new Date(started).toISOString();
      const recorded = await tx.lockSignInAttempts([emailKey, addressKey], at);
      const byEmail = this.#live(recorded.get(emailKey), started);
      const byAddress = this.#live(recorded.get(addressKey), started);
      // Checked again under the lock: another attempt may have taken the last slot meanwhile.
      this.#refuseIfFull(byEmail, byAddress, started);
      await tx.saveSignInAttempts(emailKey, [...byEmail, started], at);
      await tx.saveSignInAttempts(addressKey, [...byAddress, started], at);
    });
    let settled = false;
    return {
      failed: () => {
        settled = true;
      },
      succeeded: async () => {
        if (settled) return;
        settled = true;
        const now = clock.now().getTime();
        const at = new Date(now).toISOString();
        await store.transaction(async (tx) => {
          const recorded = await tx.lockSignInAttempts([emailKey, addressKey], at);
          await tx.saveSignInAttempts(emailKey, [], at);
          const byAddress = this.#live(recorded.get(addressKey), now);
          const index = byAddress.lastIndexOf(started);
          if (index >= 0) byAddress.splice(index, 1);
          await tx.saveSignInAttempts(addressKey, byAddress, at);
        });
      },
    };
  }

  /** Throws `too_many_attempts` when the email or the address (their live attempts) is full. */
  #refuseIfFull(byEmail: readonly number[], byAddress: readonly number[], now: number): void {
    const wait = Math.max(
      this.#waitMs(byEmail, this.#options.perEmail, now),
      this.#waitMs(byAddress, this.#options.perAddress, now),
    );
    if (wait <= 0) return;
    const retryAfter = Math.max(1, Math.ceil(wait / 1000));
    throw new DomainError(
      "too_many_attempts",
      `Too many failed sign-ins; try again in ${describeWait(retryAfter)}`,
      { details: { retryAfter } },
    );
  }

  /** How long until fewer than `max` of `times` are in the window; 0 when they already are. */
  #waitMs(times: readonly number[], max: number, now: number): number {
    if (times.length < max) return 0;
    // The count falls below max once the attempt at index (length - max) leaves the window.
    const freeing = times[times.length - max] ?? now;
    return freeing + this.#options.windowMs - now;
  }

  /**
   * The attempts still inside the window, oldest first. A time further ahead of `now` than
   * clocks drift apart was recorded by a node whose clock was wrong; it is dropped, or it would
   * hold its email or address back for as long as that clock was ahead.
   */
  #live(times: readonly number[] | undefined, now: number): number[] {
    const since = now - this.#options.windowMs;
    return (times ?? [])
      .filter((t) => t > since && t <= now + CLOCK_DRIFT_MS)
      .sort((a, b) => a - b);
  }
}

/** Forgets the counts of emails and addresses with no attempt inside the window. */
export function forgetOldSignInAttempts(
  newsroom: Pick<Newsroom, "store" | "clock">,
  windowMs = DEFAULTS.windowMs,
): Promise<number> {
  const before = new Date(newsroom.clock.now().getTime() - windowMs).toISOString();
  return newsroom.store.deleteSignInAttemptsBefore(before);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}
