// Passwords and API tokens. Passwords are hashed with scrypt and a random salt, the hash
// recording its parameters ("scrypt$N$r$p$salt$key") so older, cheaper hashes still verify and
// are replaced on the next successful sign-in (needsRehash); tokens are long random strings
// shown once, of which only a SHA-256 is stored (a token has enough entropy that a slow hash
// adds nothing).

import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** Current guidance for scrypt (OWASP): N = 2^17, r = 8, p = 1. Hashes below it are upgraded. */
const PRODUCTION_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Beyond these a stored hash is not one we made: refuse it rather than burn memory on it. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

let cost: ScryptCost = PRODUCTION_COST;

/**
 * Test support only, never called by the server or the CLI: production scrypt takes seconds
 * per hash on a busy test machine, and test suites create hundreds of users. `undefined`
 * restores the production cost. A lowered cost never downgrades a stored hash (needsRehash).
 */
export function setPasswordCostForTests(N: number | undefined): void {
  cost = N === undefined ? PRODUCTION_COST : { ...PRODUCTION_COST, N };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = cost;
  const key = await derive(password, salt, { N, r, p }, KEY_LENGTH);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** Whether a stored hash is cheaper than what hashPassword makes now, so worth replacing. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.cost;
  return N < cost.N || r < cost.r || p < cost.p;
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  const parsed = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !salt || !key) return null;
  const { N } = parsed;
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return null;
  if (!(parsed.r >= 1 && parsed.r <= MAX_R && parsed.p >= 1 && parsed.p <= MAX_P)) return null;
  return { cost: parsed, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

function derive(password: string, salt: Buffer, { N, r, p }: ScryptCost, keylen: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      keylen,
      // scrypt needs 128·N·r bytes (128 MiB at N = 2^17, r = 8); Node's default cap is 32 MiB.
      { N, r, p, maxmem: Math.max(32 * 1024 * 1024, 2 * 128 * N * r * p) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

export function generateToken(): string {
  return `dsp_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A stable fingerprint of a request body, to tell a retry from a different request. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
