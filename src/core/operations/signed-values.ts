// Values the server signs for browsers to keep (a recognised device, a poll voter): an HMAC
// under a secret generated once and kept in the database (the same on every node), bound to
// one use by its context string, so a value signed for one use never passes as another's.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Newsroom } from "../ports.js";

export class SignedValues {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  readonly #secretName: string;
  readonly #context: string;
  #secret: Promise<Buffer> | undefined;

  constructor(
    newsroom: Pick<Newsroom, "store" | "clock">,
    /** The name the secret is kept under. */
    secretName: string,
    /** Binds the signature to this use and format. */
    context: string,
  ) {
    this.#newsroom = newsroom;
    this.#secretName = secretName;
    this.#context = context;
  }

  /** `payload.signature`, for a cookie. */
  async sign(payload: string): Promise<string> {
    return `${payload}.${await this.#signature(payload)}`;
  }

  /** The payload of a value this server signed for this use; undefined for anything else. */
  async verify(value: string | undefined): Promise<string | undefined> {
    if (!value) return undefined;
    const [payload, signature, ...rest] = value.split(".");
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(await this.#signature(payload), "base64url");
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return payload;
  }

  /** The keyed hash of a value, to know it again without keeping it (an address to block). */
  digest(value: string): Promise<string> {
    return this.#signature(value);
  }

  async #signature(payload: string): Promise<string> {
    const secret = await this.#key();
    return createHmac("sha256", secret).update(`${this.#context}.${payload}`).digest("base64url");
  }

  /** The signing secret, read (or generated and kept) once per process. */
  #key(): Promise<Buffer> {
    if (!this.#secret) {
      const at = this.#newsroom.clock.now().toISOString();
      const candidate = randomBytes(32).toString("base64url");
      this.#secret = this.#newsroom.store
        .keepServerSecret(this.#secretName, candidate, at)
        .then((kept) => Buffer.from(kept, "base64url"));
      // A database hiccup must not stick: the next use tries again.
      this.#secret.catch(() => {
        this.#secret = undefined;
      });
    }
    return this.#secret;
  }
}
