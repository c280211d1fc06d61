// A poll in the composer's document: the whole block kept in one attribute, so opening and
// saving a post never changes its poll (its ids, which the votes are counted by, included).
// The server drops the results it is sent and keeps its own.

import type { Block, PollBlock } from "../../core/content/blocks";
import type { DocNode } from "./doc";
import { NODE } from "./doc";

export function pollBlockToNode(block: PollBlock): DocNode {
  const { results: _results, ...kept } = block;
  return { type: NODE.poll, attrs: { poll: kept, results: block.results ?? null } };
}

export function pollNodeToBlock(node: DocNode): Block | null {
  const poll = node.attrs?.poll as PollBlock | undefined;
  return poll && poll.type === "poll" ? poll : null;
}
