// The size of each uploaded image a post or a blog's lead shows, taken from the media library
// when the writer did not give it, so the reader's <img> carries width and height and the
// page keeps its place while images arrive (no layout shift).

import type { Block, Image } from "../content/blocks.js";
import { uploadIdOf } from "../media.js";
import type { MediaLibraryStore } from "../ports.js";

type Sizing = Pick<MediaLibraryStore, "findMedia">;

/** `image` with the library's width and height when it is an upload of known size. */
export async function sizedImage<T extends Image>(store: Sizing, image: T): Promise<T> {
  if (image.width !== undefined && image.height !== undefined) return image;
  const id = uploadIdOf(image.src);
  if (id === undefined) return image;
  const item = await store.findMedia(id);
  // Uploads from before the library recorded sizes are 0×0: unknown, as a pasted address is.
  if (!item || item.width <= 0 || item.height <= 0) return image;
  return { ...image, width: item.width, height: item.height };
}

/** `blocks` with every image block sized as `sizedImage` does. */
export async function sizedBlocks(store: Sizing, blocks: readonly Block[]): Promise<Block[]> {
  const sized: Block[] = [];
  for (const block of blocks) {
    if (block.type === "image") sized.push(await sizedImage(store, block));
    else if (block.type === "gallery") {
      const images = [];
      for (const image of block.images) images.push(await sizedImage(store, image));
      sized.push({ ...block, images });
    } else sized.push(block);
  }
  return sized;
}
