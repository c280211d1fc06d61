// Whether a poll has closed: read by the renderer, which the newsroom app's preview bundles
// too, so it lives apart from polls.ts (which makes ids with node:crypto).

import type { PollBlock } from "./blocks.js";

/** Closed once its closing time has come; a poll without one stays open. */
export function isPollClosed(poll: Pick<PollBlock, "closesAt">, now: Date): boolean {
  return poll.closesAt !== undefined && Date.parse(poll.closesAt) <= now.getTime();
}
