// Link cards: what a linked page says of itself (title, description, image, site), shown on a
// plain link embed. Only the server writes a card, once the post is published, as the system
// (operations/link-cards.ts); a client's card is never trusted. An edit keeps the card of a
// link it leaves as it was (the composer sends its blocks back whole, with or without cards)
// and a changed link loses its card, to be read again. A card changes no words: the post is not
// "Updated" for readers and no public version is made (see corrections.ts).

import { type Block, isLinkCardImage, type LinkCard } from "./content/blocks.js";
import { recognizeEmbed } from "./content/embeds.js";
import type { Post } from "./post.js";

/**
 * The blocks to store: every client-given card dropped, and the card the post already had for
 * the same link kept (only a card made for exactly that link).
 */
export function trustedCards(blocks: Block[], current?: Pick<Post, "blocks">): Block[] {
  const known = new Map<string, LinkCard>();
  for (const block of current?.blocks ?? []) {
    if (block.type === "embed" && block.card?.url === block.url) known.set(block.url, block.card);
  }
  return blocks.map((block) => {
    if (block.type !== "embed") return block;
    const { card: _ignored, ...rest } = block;
    const kept = known.get(block.url);
    return kept ? { ...rest, card: kept } : rest;
  });
}

/**
 * The links of a published post that want a card: plain link embeds (not a recognised
 * provider) without one. A syndicated post's cards are its source's to make.
 */
export function linksToUnfurl(post: Post): string[] {
  if (post.status !== "published" || post.deletedAt || post.origin) return [];
  const urls = new Set<string>();
  for (const block of post.blocks) {
    if (block.type !== "embed" || block.card) continue;
    if (recognizeEmbed(block.url).provider === "link") urls.add(block.url);
  }
  return [...urls];
}

/** The blocks with each card put on the link it was read for, where that link has none yet. */
export function withCards(blocks: readonly Block[], cards: ReadonlyMap<string, LinkCard>): Block[] {
  return blocks.map((block) => {
    if (block.type !== "embed" || block.card) return block;
    const card = cards.get(block.url);
    return card ? { ...block, card } : block;
  });
}

/** Where unfurling happens (outbound/link-card-unfurler.ts): after a commit, in the background. */
export interface LinkCardUnfurling {
  /** Reads the cards of these links of a just-committed post; never waited for. */
  unfurl(post: Post, urls: readonly string[]): void;
}

/**
 * The blocks with every card image that is not Dispatch's own copy taken off (cards read
 * before images were copied held the linked site's address): the card keeps its words.
 */
export function withoutRemoteCardImages(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => {
    if (block.type !== "embed" || !block.card?.image || isLinkCardImage(block.card.image)) {
      return block;
    }
    return { ...block, card: withoutCardImage(block.card) };
  });
}

/** A card's words alone: its image and the image's size left out. */
export function withoutCardImage(card: LinkCard): LinkCard {
  const { image: _image, imageWidth: _width, imageHeight: _height, ...words } = card;
  return words;
}
