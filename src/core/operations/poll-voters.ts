// A reader's voter id for polls: random, kept in a cookie signed with an HMAC under a secret
// the server keeps in the database (the same on every node), so a browser cannot make up
// another id to vote again, and nothing in it names a person. Clearing cookies makes a new
// voter: the per-address limit at the HTTP edge is what bounds that.

import { randomBytes } from "node:crypto";
import type { Newsroom } from "../ports.js";
import { SignedValues } from "./signed-values.js";

export const VOTER_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const SECRET_NAME = "poll-voter";
/** Binds the signature to this use, so no other signed value passes as a voter. */
const CONTEXT = "dispatch poll voter v1";
const VOTER_ID = /^[A-Za-z0-9_-]{22}$/;

export class PollVoters {
  readonly #signed: SignedValues;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#signed = new SignedValues(newsroom, SECRET_NAME, CONTEXT);
  }

  /** A new voter: its id and the cookie value that carries it. */
  async issue(): Promise<{ voter: string; cookie: string }> {
    const voter = randomBytes(16).toString("base64url");
    return { voter, cookie: await this.#signed.sign(voter) };
  }

  /** The voter id of a cookie value this server signed; undefined for anything else. */
  async recognise(value: string | undefined): Promise<string | undefined> {
    const voter = await this.#signed.verify(value);
    return voter !== undefined && VOTER_ID.test(voter) ? voter : undefined;
  }
}
