// The proof of work a reader's browser does before sending a contribution, with no third
// party: the server signs a challenge naming the blog, its expiry, its difficulty and a random
// id; the browser finds a nonce whose SHA-256 over challenge + nonce starts with that many
// zero bits. A flood then costs the sender real work per message, while one reader waits a
// second or two. Each challenge is taken once, on any node: used ids are kept until they
// would have expired anyway.

import { createHash, randomBytes } from "node:crypto";
import { DomainError } from "../errors.js";
import type { Newsroom } from "../ports.js";
import { SignedValues } from "./signed-values.js";

export const CHALLENGE_LIFETIME_MS = 15 * 60 * 1000;
/** About 65,000 hashes on average: a second or two in a phone's browser. */
export const DEFAULT_DIFFICULTY = 16;
const SECRET_NAME = "contribution-challenge";
/** Binds the signature to this use, so no other signed value passes as a challenge. */
const CONTEXT = "dispatch contribution challenge v1";
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;

export interface Challenge {
  challenge: string;
  /** Leading zero bits the SHA-256 of challenge + nonce must have. */
  difficulty: number;
  expiresAt: string;
}

export class ContributionChallenges {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  readonly #signed: SignedValues;
  readonly #difficulty: number;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">, difficulty = DEFAULT_DIFFICULTY) {
    this.#newsroom = newsroom;
    this.#signed = new SignedValues(newsroom, SECRET_NAME, CONTEXT);
    this.#difficulty = difficulty;
  }

  async issue(blogId: string): Promise<Challenge> {
    const expires = this.#newsroom.clock.now().getTime() + CHALLENGE_LIFETIME_MS;
    const id = randomBytes(12).toString("base64url");
    // The difficulty travels signed, so a changed setting never breaks a form already open.
    const payload = `${blogId}~${expires}~${this.#difficulty}~${id}`;
    return {
      challenge: await this.#signed.sign(payload),
      difficulty: this.#difficulty,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** Checks a solved challenge for this blog and marks it used; throws what is wrong. */
  async redeem(blogId: string, challenge: string, nonce: string): Promise<void> {
    const payload = await this.#signed.verify(challenge);
    const [forBlog, expires, difficulty, id, ...rest] = payload?.split("~") ?? [];
    if (!forBlog || !id || rest.length > 0 || forBlog !== blogId) {
      throw new DomainError("challenge_invalid", "This form's challenge is not valid here", {
        field: "challenge",
      });
    }
    const expiresMs = Number(expires);
    if (!(expiresMs > this.#newsroom.clock.now().getTime())) {
      throw new DomainError("challenge_expired", "The form was open too long: send it again", {
        field: "challenge",
      });
    }
    if (!NONCE.test(nonce) || !solves(challenge, nonce, Number(difficulty))) {
      throw new DomainError("challenge_unsolved", "The form's challenge was not solved", {
        field: "nonce",
      });
    }
    const fresh = await this.#newsroom.store.spendChallenge(id, new Date(expiresMs).toISOString());
    if (!fresh) {
      throw new DomainError("challenge_used", "This form's challenge was used already", {
        field: "challenge",
      });
    }
  }
}

/** Whether SHA-256(challenge + nonce) starts with `difficulty` zero bits. */
export function solves(challenge: string, nonce: string, difficulty: number): boolean {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 32) return false;
  const hash = createHash("sha256").update(`${challenge}${nonce}`).digest();
  return leadingZeroBits(hash) >= difficulty;
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
