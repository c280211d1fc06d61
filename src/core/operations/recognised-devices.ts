// Recognised devices: after a successful sign-in the browser keeps a long-lived cookie naming
// the user and a random device id, signed with an HMAC under a secret the server generates and
// keeps in the database (the same on every node). It opens no session; it only tells the
// sign-in limiter "this is a browser the owner signed in from before", so strangers guessing
// the owner's password do not hold the owner back (see sign-in-limiter.ts).

import { randomBytes } from "node:crypto";
import type { Newsroom } from "../ports.js";
import { SignedValues } from "./signed-values.js";

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
  readonly #newsroom: Pick<Newsroom, "clock">;
  readonly #signed: SignedValues;

  constructor(newsroom: Pick<Newsroom, "store" | "clock">) {
    this.#newsroom = newsroom;
    this.#signed = new SignedValues(newsroom, SECRET_NAME, CONTEXT);
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
    return this.#signed.sign(Buffer.from(JSON.stringify(claim)).toString("base64url"));
  }

  /**
   * The device id of a cookie value that this server signed, is within its lifetime and names
   * `userId`; undefined for anything else.
   */
  async recognise(
    value: string | undefined,
    userId: string | undefined,
  ): Promise<string | undefined> {
    if (!userId) return undefined;
    const payload = await this.#signed.verify(value);
    const claim = payload === undefined ? undefined : parseClaim(payload);
    if (!claim || claim.u !== userId) return undefined;
    const age = this.#newsroom.clock.now().getTime() - claim.t;
    return age < DEVICE_LIFETIME_MS ? claim.d : undefined;
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
