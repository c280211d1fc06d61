// VAPID (RFC 8292): the server's P-256 key pair, made on first start and kept in the database
// (server_secrets, like the cookie-signing secret), so every node signs with the same key and
// the public key readers' browsers subscribed with stays valid across restarts; and the
// Authorization header each push request carries: `vapid t=<ES256 JWT>, k=<public key>`.

import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type { Store } from "../core/ports.js";

const SECRET_NAME = "vapid-p256";
/** How long a signed header is good for: at most 24 h (RFC 8292 §2), well under it here. */
const JWT_LIFETIME_S = 12 * 60 * 60;

export interface VapidKeys {
  /** The uncompressed public point (65 bytes), base64url: the browser's applicationServerKey. */
  publicKey: string;
  privateKey: KeyObject;
}

/** A new key pair as kept: the private key's JWK, which also holds the public point. */
function newKeyPair(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify(privateKey.export({ format: "jwk" }));
}

function fromKept(kept: string): VapidKeys {
  const jwk = JSON.parse(kept) as { x: string; y: string; d: string; kty: string; crv: string };
  const privateKey = createPrivateKey({ key: jwk, format: "jwk" });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, "base64url"),
    Buffer.from(jwk.y, "base64url"),
  ]);
  return { publicKey: point.toString("base64url"), privateKey };
}

/** The newsroom's VAPID keys: read once per process, made and kept by whichever node is first. */
export class VapidKeyring {
  readonly #store: Store;
  readonly #now: () => Date;
  #keys: Promise<VapidKeys> | undefined;

  constructor(store: Store, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#now = now;
  }

  keys(): Promise<VapidKeys> {
    if (!this.#keys) {
      this.#keys = this.#store
        .keepServerSecret(SECRET_NAME, newKeyPair(), this.#now().toISOString())
        .then(fromKept);
      // A database that was down is asked again next time.
      this.#keys.catch(() => {
        this.#keys = undefined;
      });
    }
    return this.#keys;
  }
}

/**
 * The Authorization header for a push to `endpoint`: a JWT signed with ES256 whose audience
 * is the push service's origin, with `sub` (the operator's contact) when one is configured.
 */
export function vapidAuthorization(
  keys: VapidKeys,
  endpoint: string,
  nowMs: number,
  contact: string | undefined,
): string {
  const header = { typ: "JWT", alg: "ES256" };
  const claims = {
    aud: new URL(endpoint).origin,
    exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_S,
    ...(contact ? { sub: contact } : {}),
  };
  const unsigned = `${part(header)}.${part(claims)}`;
  // JWS wants the raw r‖s pair, not DER.
  const signature = sign("sha256", Buffer.from(unsigned), {
    key: keys.privateKey,
    dsaEncoding: "ieee-p1363",
  });
  return `vapid t=${unsigned}.${signature.toString("base64url")}, k=${keys.publicKey}`;
}

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
