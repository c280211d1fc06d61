// The uploaded images a taken-down post leaves behind. Each one that no post still standing
// (in its words or its public history) and no blog's lead or hero shows any more leaves the
// public path, every variant of it deleted from the media store, and leaves the media library,
// so a photo taken down by law is not offered to the desk again and reused by accident. An
// image still shown elsewhere stays, as it is another post's as much as this one's; but the
// alt text, caption or credit the library remembered from this post (media-library.ts) is
// forgotten, being the post's words.
// The files go inside the takedown's transaction, after the post's words are emptied and
// before the commit: should the commit fail, the takedown is simply done again and finds the
// same images unused; once it commits, the purge that follows finds the files already gone.

import { type Block, imagesOfBlock } from "../content/blocks.js";
import { uploadFolder, uploadIdOf, uploadPaths } from "../media.js";
import type { MediaStore, Store } from "../ports.js";

/**
 * Removes the uploads `shown` (a post's blocks and its versions' blocks) held that nothing
 * else shows now; returns the public paths that went, every variant of each image.
 */
export async function removeUnsharedUploads(
  tx: Store,
  media: MediaStore,
  shown: readonly (readonly Block[])[],
  at: string,
): Promise<string[]> {
  // Each upload's id, with every word the post gave it.
  const words = new Map<string, Set<string>>();
  for (const image of shown.flat().flatMap(imagesOfBlock)) {
    const id = uploadIdOf(image.src);
    if (id === undefined) continue;
    const given = words.get(id) ?? new Set<string>();
    for (const text of [image.alt, image.caption, image.credit]) if (text) given.add(text);
    words.set(id, given);
  }
  if (words.size === 0) return [];
  const inUse = await tx.uploadsInUse([...words.keys()]);
  const removed: string[] = [];
  for (const [id, given] of [...words].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (inUse.has(id)) {
      await forgetWords(tx, id, given, at);
      continue;
    }
    await media.removeFolder(uploadFolder(id));
    await tx.deleteMedia(id);
    removed.push(...uploadPaths(id));
  }
  return removed;
}

/** Empties the library's alt text, caption and credit of `id` where they are the post's. */
async function forgetWords(tx: Store, id: string, given: Set<string>, at: string): Promise<void> {
  const item = await tx.findMedia(id);
  if (!item) return;
  const kept = (text: string) => (given.has(text) ? "" : text);
  const next = {
    ...item,
    alt: kept(item.alt),
    caption: kept(item.caption),
    credit: kept(item.credit),
  };
  if (next.alt === item.alt && next.caption === item.caption && next.credit === item.credit) return;
  await tx.updateMedia({ ...next, updatedAt: at });
}
