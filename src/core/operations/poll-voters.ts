// A reader's voter id for polls: random, kept in a cookie signed with an HMAC under a secret
// the server keeps in the database (the same on every node), so a browser cannot make up
// another id to vote again, and nothing in it names a person. Clearing cookies makes a new
// voter: the per-address limit at the HTTP edge is what bounds that.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Newsroom } from "../ports.js";

export const VOTER_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const SECRET_NAME = "poll-voter";
/** Binds the signature to this use, so no other signed value passes as a voter. */
const CONTEXT = "dispatch poll voter v1";
const VOTER_ID = /^[A-Za-z0-9_-]{22}$/;

export class PollVoters {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  #secret: Promise<Buffer> | undefined;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#newsroom = newsroom;
  }

  /** A new voter: its id and the cookie value that carries it. */
  async issue(): Promise<{ voter: string; cookie: string }> {
    const voter = randomBytes(16).toString("base64url");
    return { voter, cookie: `${voter}.${await this.#sign(voter)}` };
  }

  /** The voter id of a cookie value this server signed; undefined for anything else. */
  async recognise(value: string | undefined): Promise<string | undefined> {
    if (!value) return undefined;
    const [voter, signature, ...rest] = value.split(".");
    if (!voter || !signature || rest.length > 0 || !VOTER_ID.test(voter)) return undefined;
    const expected = Buffer.from(await this.#sign(voter), "base64url");
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return voter;
  }

  async #sign(voter: string): Promise<string> {
    const secret = await this.#key();
    return createHmac("sha256", secret).update(`${CONTEXT}.${voter}`).digest("base64url");
  }

  #key(): Promise<Buffer> {
    if (!this.#secret) {
      const at = this.#newsroom.clock.now().toISOString();
      const candidate = randomBytes(32).toString("base64url");
      this.#secret = this.#newsroom.store
        .keepServerSecret(SECRET_NAME, candidate, at)
        .then((kept) => Buffer.from(kept, "base64url"));
      this.#secret.catch(() => {
        this.#secret = undefined;
      });
    }
    return this.#secret;
  }
}
