// A link card's image made Dispatch's own: fetched once, when the card is read, through the
// guarded fetcher (public addresses only unless allowed, the fetcher's short time limit, at
// most 5 MB, an image type only), then through the same processing as uploads (the type read
// from the bytes, upright, metadata gone, re-encoded, its size known) into the media store's
// public `link-cards/` folder. Readers then load our copy: the linked site never learns of
// them, and cannot swap the picture after the card was read. Any failure means no image;
// it never fails the card.

import { LINK_CARD_IMAGE_FOLDER } from "../core/content/blocks.js";
import type { ImageUploads } from "../media/uploads.js";
import type { GuardedFetcher } from "./guarded-fetch.js";

/** The biggest linked image copied; a card's picture needs nothing near this. */
export const MAX_CARD_IMAGE_BYTES = 5 * 1024 * 1024;

/** Whose place in the processing queue a card's image takes. */
const QUEUE_OWNER = "link-cards";

const IMAGE_TYPE = /^image\/(jpeg|png|webp|gif|avif)\s*(;|$)/i;

export interface CardImageCopy {
  /** `/media/link-cards/ID/1600.jpg` (render.ts offers the other variants). */
  src: string;
  width: number;
  height: number;
}

/** Our processed copy of the image at `url`, or null when it cannot or may not be had. */
export async function copyCardImage(
  fetcher: GuardedFetcher,
  uploads: ImageUploads,
  url: string,
): Promise<CardImageCopy | null> {
  try {
    const answer = await fetcher.fetch(url, {
      maxBytes: MAX_CARD_IMAGE_BYTES,
      accept: "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.8",
    });
    if (answer.status !== 200 || !IMAGE_TYPE.test(answer.contentType)) return null;
    const place = uploads.admit(QUEUE_OWNER);
    try {
      const image = await uploads.process(place, answer.body, LINK_CARD_IMAGE_FOLDER);
      return { src: image.src, width: image.width, height: image.height };
    } finally {
      place.leave();
    }
  } catch {
    // Refused, too large, too slow, not an image, or the queue full: the card goes without.
    return null;
  }
}
