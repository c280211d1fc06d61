// The media library: uploads are recorded as they arrive, the newsroom browses and searches
// them, and the words an image is published or saved with (alt text, caption, credit) are
// remembered, so the next post that reuses it brings them along. The library is the
// newsroom's: every role may browse; reporters may change the words of their own uploads only.

import { type Block, imagesOfBlock } from "../content/blocks.js";
import { DomainError } from "../errors.js";
import { type MediaItem, MediaPatchInput, uploadIdOf } from "../media.js";
import { can, ensure } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import { searchWords } from "../search.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";

/** Records an image just uploaded (its variants already stored) in the library. */
export async function recordUpload(
  newsroom: Pick<Newsroom, "store" | "clock">,
  actor: Actor,
  image: { id: string; src: string; width: number; height: number },
  fileName: string,
  /** Whom the image is credited to, when known as it arrives (a reader's photo). */
  credit = "",
): Promise<MediaItem> {
  ensure(actor, "post.publish");
  const at = newsroom.clock.now().toISOString();
  const item: MediaItem = {
    id: image.id,
    src: image.src,
    width: image.width,
    height: image.height,
    fileName: fileName.slice(0, 200),
    uploaderId: actor.id,
    uploaderName: actor.name,
    createdAt: at,
    updatedAt: at,
    alt: "",
    caption: "",
    credit: credit.slice(0, 200),
  };
  await newsroom.store.insertMedia(item);
  return item;
}

export interface MediaPage {
  media: MediaItem[];
  /** Pass as `before` for the next, older page; absent on the last page. */
  next?: string;
}

/** The library, newest first; `q`'s every word must be in an item's words or file name. */
export async function browseMedia(
  newsroom: Pick<Newsroom, "store">,
  actor: Actor,
  query: { q?: string; before?: string; limit: number },
): Promise<MediaPage> {
  ensure(actor, "post.publish");
  // One extra item tells whether there is another page without a second query.
  const found = await newsroom.store.listMedia({
    words: searchWords(query.q ?? ""),
    limit: query.limit + 1,
    ...(query.before !== undefined ? { before: query.before } : {}),
  });
  const media = found.slice(0, query.limit);
  const last = media.at(-1);
  return found.length > query.limit && last ? { media, next: last.id } : { media };
}

/** Changes an image's alt text, caption or credit in the library. */
export async function describeMedia(
  newsroom: Pick<Newsroom, "store" | "clock">,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<MediaItem> {
  const patch = parseInput(MediaPatchInput, input);
  return newsroom.store.transaction(async (tx) => {
    const item = await tx.findMedia(id);
    if (!item) throw new DomainError("media_not_found", "There is no image with that id");
    if (item.uploaderId !== actor.id) ensure(actor, "post.editAny");
    else ensure(actor, "post.publish");
    const next: MediaItem = {
      ...item,
      ...definedOnly(patch),
      updatedAt: newsroom.clock.now().toISOString(),
    };
    await tx.updateMedia(next);
    return next;
  });
}

/**
 * Remembers the words of each uploaded image in `blocks` as the post was just published or
 * saved with them. Words left empty in the post keep what the library had: one post that
 * leaves out a credit does not erase the credit the photographer is owed everywhere else.
 */
export async function rememberImageWords(
  tx: Store,
  actor: Actor,
  blocks: readonly Block[],
  at: string,
): Promise<void> {
  for (const block of blocks.flatMap(imagesOfBlock)) {
    const id = uploadIdOf(block.src);
    if (id === undefined) continue;
    const item = await tx.findMedia(id);
    // Only the uploader or an editor changes what an image is known by.
    if (!item || (item.uploaderId !== actor.id && !can(actor, "post.editAny"))) continue;
    const next: MediaItem = {
      ...item,
      alt: block.alt || item.alt,
      caption: block.caption || item.caption,
      credit: block.credit || item.credit,
    };
    if (next.alt === item.alt && next.caption === item.caption && next.credit === item.credit)
      continue;
    await tx.updateMedia({ ...next, updatedAt: at });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
