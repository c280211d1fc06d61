// Recognised devices: after a successful sign-in the browser keeps a long-lived cookie naming
// the user and a random device id, signed with an HMAC under a secret the server generates and
// keeps in the database (the same on every node). It opens no session; it only tells the
// sign-in limiter "this is a browser the owner signed in from before", so strangers guessing
// the owner's password do not hold the owner back (see sign-in-limiter.ts).

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Newsroom } from "../ports.js";

/** How long a device stays recognised after its last sign-in (the cookie's Max-Age). */
export const DEVICE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const SECRET_NAME = "device-cookie";
/** Binds the signature to this use and this format, so no other signed value passes as one. */
const CONTEXT = "dispatch recognised device v1";
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

interface DeviceClaim {
  /** The user the device signed in as. */
  u: string;
  /** The device's id: its own throttle key. */
  d: string;
  /** When it was issued (ms). */
  t: number;
}

export class RecognisedDevices {
  readonly #newsroom: Pick<Newsroom, "store" | "clock">;
  #secret: Promise<Buffer> | undefined;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#newsroom = newsroom;
  }

  /**
   * The cookie value for a device `userId` just signed in from: it keeps `deviceId` when the
   * device was recognised already (its throttle count stays its own), else gets a new one.
   */
  async issue(userId: string, deviceId?: string): Promise<string> {
    const claim: DeviceClaim = {
      u: userId,
      d: deviceId ?? randomBytes(16).toString("base64url"),
      t: this.#newsroom.clock.now().getTime(),
    };
    const payload = Buffer.from(JSON.stringify(claim)).toString("base64url");
    return `${payload}.${await this.#sign(payload)}`;
  }

  /**
   * The device id of a cookie value that this server signed, is within its lifetime and names
   * `userId`; undefined for anything else.
   */
  async recognise(
    value: string | undefined,
    userId: string | undefined,
  ): Promise<string | undefined> {
    if (!value || !userId) return undefined;
    const [payload, signature, ...rest] = value.split(".");
    if (!payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(await this.#sign(payload), "base64url");
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claim = parseClaim(payload);
    if (!claim || claim.u !== userId) return undefined;
    const age = this.#newsroom.clock.now().getTime() - claim.t;
    return age < DEVICE_LIFETIME_MS ? claim.d : undefined;
  }

  async #sign(payload: string): Promise<string> {
    const secret = await this.#key();
    return createHmac("sha256", secret).update(`${CONTEXT}.${payload}`).digest("base64url");
  }

  /** The signing secret, read (or generated and kept) once per process. */
  #key(): Promise<Buffer> {
    if (!this.#secret) {
      const at = this.#newsroom.clock.now().toISOString();
      const candidate = randomBytes(32).toString("base64url");
      this.#secret = this.#newsroom.store
        .keepServerSecret(SECRET_NAME, candidate, at)
        .then((kept) => Buffer.from(kept, "base64url"));
      // A database hiccup must not stick: the next sign-in tries again.
      this.#secret.catch(() => {
        this.#secret = undefined;
      });
    }
    return this.#secret;
  }
}

function parseClaim(payload: string): DeviceClaim | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return undefined;
    const { u, d, t } = value as Record<string, unknown>;
    if (typeof u !== "string" || typeof d !== "string" || !DEVICE_ID.test(d)) return undefined;
    if (typeof t !== "number" || !Number.isFinite(t)) return undefined;
    return { u, d, t };
  } catch {
    return undefined;
  }
}
