// Who sent a comment or a report, as far as the server needs to know: a keyed hash of the
// address (HMAC under a secret generated once and kept in the database, the same on every
// node), never the address itself. It counts an address's comments for the limit and keeps
// one report per address; without the secret it cannot be turned back into an address.

import { createHmac, randomBytes } from "node:crypto";
import type { Newsroom } from "../ports.js";

const SECRET_NAME = "comment-addresses";

export class CommentAddresses {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  #secret: Promise<Buffer> | undefined;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#newsroom = newsroom;
  }

  async keyOf(address: string): Promise<string> {
    const secret = await this.#key();
    return createHmac("sha256", secret).update(`comment-address.${address}`).digest("base64url");
  }

  #key(): Promise<Buffer> {
    if (!this.#secret) {
      const at = this.#newsroom.clock.now().toISOString();
      this.#secret = this.#newsroom.store
        .keepServerSecret(SECRET_NAME, randomBytes(32).toString("base64url"), at)
        .then((kept) => Buffer.from(kept, "base64url"));
      // A database hiccup must not stick: the next comment tries again.
      this.#secret.catch(() => {
        this.#secret = undefined;
      });
    }
    return this.#secret;
  }
}
