// What planting the corpus needs besides the API: requests a few at a time, a clear failure
// when the API answers something unexpected, and vectors packed side by side into a field.

import type { XssVector } from "./xss-corpus.js";

/** Vectors side by side, separated by a space, in strings of at most `max` characters. */
export function packed(vectors: readonly XssVector[], max: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const { text } of vectors) {
    if (current && current.length + 1 + text.length > max) {
      out.push(current);
      current = "";
    }
    current = current ? `${current} ${text}` : text;
  }
  if (current) out.push(current);
  return out;
}

/** Runs `work` over `items`, a few at a time. */
export async function inBatches<T>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<void>,
  width = 8,
) {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)));
  }
}

export function expectStatus(
  answer: { status: number; json: unknown },
  wanted: number,
  what: string,
) {
  if (answer.status !== wanted) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 400)}`);
  }
}
