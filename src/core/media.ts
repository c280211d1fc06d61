// The media library: every image uploaded to Dispatch, with the words the newsroom gave it
// (alt text, caption, credit) so reusing an image brings them along. The words are remembered
// from the posts that use the image (operations/media-library.ts) or edited in the library.

import { z } from "zod";
import { Image } from "./content/blocks.js";
import { foldForSearch } from "./search.js";

export interface MediaItem {
  id: string;
  /** What an image block uses as `src`: `/media/u/<id>/1600.jpg`. */
  src: string;
  width: number;
  height: number;
  /** The name of the file as uploaded ("" when the browser gave none). */
  fileName: string;
  uploaderId: string | null;
  uploaderName: string;
  createdAt: string;
  updatedAt: string;
  alt: string;
  caption: string;
  credit: string;
}

/** A page of the library: newest first, every word held by each item found. */
export interface MediaSearch {
  /** Folded words (core/search.ts), each found in the file name, alt, caption, credit or uploader. */
  words: readonly string[];
  /** Only items older than the item with this id (the last of the previous page). */
  before?: string;
  limit: number;
}

/** The library's own edit of an image's words; the same limits as an image block's. */
export const MediaPatchInput = z
  .object({
    alt: Image.shape.alt.optional(),
    caption: z.string().trim().max(500).optional(),
    credit: z.string().trim().max(500).optional(),
  })
  .strict();
export type MediaPatch = z.infer<typeof MediaPatchInput>;

/** What a library search looks in, folded. */
export function searchableMedia(
  item: Pick<MediaItem, "fileName" | "alt" | "caption" | "credit" | "uploaderName">,
): string {
  return foldForSearch(
    [item.fileName, item.alt, item.caption, item.credit, item.uploaderName].join("\n"),
  );
}

const UPLOADED_SRC = /^\/media\/u\/([a-z0-9]+)\/[0-9]+\.(?:jpg|webp)$/;

/** The widths every upload is stored at (media/process.ts), each as WebP and as JPEG. */
export const UPLOAD_WIDTHS = [480, 960, 1600] as const;

/** The media store folder holding an upload's variants, served at `/media/u/<id>/`. */
export function uploadFolder(id: string): string {
  return `u/${id}`;
}

/** Every public path an upload is served at: each width, WebP and JPEG. */
export function uploadPaths(id: string): string[] {
  return UPLOAD_WIDTHS.flatMap((width) =>
    ["webp", "jpg"].map((ext) => `/media/${uploadFolder(id)}/${width}.${ext}`),
  );
}

/** The library id of an uploaded image's path, or undefined for any other source. */
export function uploadIdOf(src: string): string | undefined {
  return UPLOADED_SRC.exec(src)?.[1];
}
