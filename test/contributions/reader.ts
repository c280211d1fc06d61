// A reader sending a contribution the way the page's script does: fetch a challenge, find a
// nonce whose SHA-256 over challenge + nonce starts with the asked-for zero bits, send both.

import { createHash } from "node:crypto";
import { leadingZeroBits } from "../../src/core/operations/contribution-challenge.js";
import type { TestServer } from "../helpers/server.js";

export function solve(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    const hash = createHash("sha256").update(`${challenge}${nonce}`).digest();
    if (leadingZeroBits(hash) >= difficulty) return nonce;
  }
}

/** A nonce that does not solve the challenge (checked, so the test cannot pass by luck). */
export function wrongNonce(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = `x${n.toString(36)}`;
    const hash = createHash("sha256").update(`${challenge}${nonce}`).digest();
    if (leadingZeroBits(hash) < difficulty) return nonce;
  }
}

export async function solvedChallenge(
  server: TestServer,
  slug: string,
): Promise<{ challenge: string; nonce: string }> {
  const got = await server.api("GET", `/api/blogs/${slug}/contributions/challenge`);
  if (got.status !== 200)
    throw new Error(`No challenge: ${got.status} ${JSON.stringify(got.json)}`);
  const { challenge, difficulty } = got.json as { challenge: string; difficulty: number };
  return { challenge, nonce: solve(challenge, difficulty) };
}

export async function contribute(
  server: TestServer,
  slug: string,
  fields: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const solved = await solvedChallenge(server, slug);
  return server.api("POST", `/api/blogs/${slug}/contributions`, {
    body: { kind: "question", name: "Reader", ...solved, ...fields },
    headers,
  });
}

/** Sends a contribution with a photo, as multipart, the way the page does when one is chosen. */
export async function contributeWithPhoto(
  server: TestServer,
  slug: string,
  photo: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: { id: string } }> {
  const solved = await solvedChallenge(server, slug);
  const form = new FormData();
  for (const [k, v] of Object.entries({
    kind: "eyewitness",
    text: "Seen",
    name: "Ana",
    ...solved,
  })) {
    form.append(k, v);
  }
  form.append("photo", new Blob([new Uint8Array(photo)], { type: "image/png" }), "seen.png");
  const response = await fetch(`${server.url}/api/blogs/${slug}/contributions`, {
    method: "POST",
    body: form,
    headers,
  });
  return { status: response.status, json: await response.json() };
}
