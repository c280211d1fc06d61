// Identifiers for posts, blogs and users: short, URL-safe and time-ordered, so that ids made
// on different nodes never collide and sort roughly by creation time.

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

export function newId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 9; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = new Uint8Array(8);
  globalThis.crypto.getRandomValues(random);
  let tail = "";
  for (const byte of random) tail += ALPHABET[byte % 32];
  return time + tail;
}
