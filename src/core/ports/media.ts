// The media library's records and the files themselves: the store keeps what the desk knows
// about an upload, the MediaStore keeps its bytes.

import type { MediaItem, MediaSearch } from "../media.js";

/** The media library (operations/media-library.ts). */
export interface MediaLibraryStore {
  insertMedia(item: MediaItem): Promise<void>;
  findMedia(id: string): Promise<MediaItem | undefined>;
  /** Writes the item's alt text, caption, credit and update time. */
  updateMedia(item: MediaItem): Promise<void>;
  /** Newest first (upload time, then id), holding every word asked for. */
  listMedia(query: MediaSearch): Promise<MediaItem[]>;
  /**
   * The uploads among `ids` still shown somewhere: by a post not deleted (in its words or
   * its public history) or by a blog's lead or hero image.
   */
  uploadsInUse(ids: readonly string[]): Promise<Set<string>>;
  /** Forgets an upload whose files are gone: the desk is never offered it again. */
  deleteMedia(id: string): Promise<void>;
}

/** A stored media file. The bytes are opened lazily so a 304 or a HEAD never touches them. */
export interface MediaFile {
  contentType: string;
  size: number;
  modifiedAt: Date;
  open(): NodeJS.ReadableStream;
}

/**
 * Where uploaded images (and the demo's illustrations) are kept. Keys are relative paths
 * such as `u/<id>/960.webp`; they are served at `/media/<key>`.
 */
export interface MediaStore {
  /** Stores `data` under `key`; readers see the old file or the whole new one, never a part. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file under `key`, or undefined when there is none or the key is not a media key. */
  get(key: string): Promise<MediaFile | undefined>;
  /** Deletes the folder `prefix` and every file in it; nothing there is not an error. */
  removeFolder(prefix: string): Promise<void>;
}
