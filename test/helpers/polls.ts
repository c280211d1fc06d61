// Readers' side of a poll for integration tests: a vote as a browser without script sends it,
// the reader surfaces a post's poll is drawn on, and the check that each shows it closed.

import { expect } from "vitest";

/** One vote from a new browser (no voter cookie), as JSON. */
export const vote = (base: string, pollId: string, answer: string) =>
  fetch(`${base}/api/polls/${pollId}/votes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ answer }),
  }).then(async (response) => ({ status: response.status, json: await response.json() }));

/** Reads until `done` holds or `ms` pass; the last value read either way. */
export async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** The reader surfaces a post's poll is drawn on, from its stored HTML or its blocks. */
export const surfaces = (slug: string, postId: string) => [
  `/live/${slug}`,
  `/live/${slug}/posts/${postId}`,
  `/live/${slug}/embed`,
  `/live/${slug}/lite`,
];

/** The poll's markup on a page: from its opening tag to the end of its fieldset. */
export function pollOn(page: string, pollId: string): string {
  const start = page.search(
    new RegExp(`<(?:form|div) class="poll[^"]*"[^>]*data-poll="${pollId}"`),
  );
  if (start < 0) return "";
  return page.slice(start, page.indexOf("</fieldset>", start));
}

/** Every surface shows the poll closed with answers "yes" 2 and "no" 1, and no vote form. */
export async function expectClosedEverywhere(
  base: string,
  slug: string,
  postId: string,
  pollId: string,
): Promise<void> {
  for (const where of surfaces(slug, postId)) {
    const response = await fetch(`${base}${where}`);
    expect(response.status, where).toBe(200);
    const page = await response.text();
    expect(page, where).not.toContain(`/api/polls/${pollId}/votes`);
    const poll = pollOn(page, pollId);
    expect(poll, where).toMatch(/^<div class="poll poll-closed"/);
    expect(poll, where).not.toMatch(/<form|<input|<button/);
    expect(poll, where).toContain('<span class="poll-votes" data-answer="yes">2 votes</span>');
    expect(poll, where).toContain('<span class="poll-votes" data-answer="no">1 vote</span>');
    expect(poll, where).toContain('<p class="poll-total">3 votes</p>');
    expect(poll, where).toContain('<p class="poll-status">Voting closed</p>');
  }
}
