// The media library's items, with the thumbnail variant a grid of them draws.

import type { MediaItem } from "../../core/media.js";
import { variantKey } from "../../media/process.js";

export interface MediaItemJson {
  id: string;
  /** What an image block uses as `src`. */
  src: string;
  /** The small (480 px) WebP variant, for a grid of thumbnails. */
  thumbnail: string;
  width: number;
  height: number;
  fileName: string;
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: { name: string };
  createdAt: string;
  updatedAt: string;
}

export function presentMediaItem(item: MediaItem): MediaItemJson {
  return {
    id: item.id,
    src: item.src,
    thumbnail: `/media/${variantKey(item.id, 480, "image/webp")}`,
    width: item.width,
    height: item.height,
    fileName: item.fileName,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    uploadedBy: { name: item.uploaderName },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
