// The MediaStore on the local disk: files under the data dir's media/ folder, one file per
// key. Writes go to a temp file in the same folder and are renamed into place, so a reader
// (or a crash) never sees half an image. A disk keeps no metadata, so a file's content type
// comes from its extension; put() refuses a type that the extension would contradict.

import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MediaFile, MediaStore } from "../core/ports.js";

const TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

// Segments may not start with a dot: that rules out `..`, hidden files and our temp files.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export class DiskMediaStore implements MediaStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const file = this.resolve(key);
    if (!file) throw new Error(`Not a media key: ${key}`);
    if (TYPES[path.extname(file).toLowerCase()] !== contentType) {
      throw new Error(`Media key ${key} does not fit content type ${contentType}`);
    }
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(temp, data);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<MediaFile | undefined> {
    const file = this.resolve(key);
    const contentType = file && TYPES[path.extname(file).toLowerCase()];
    if (!file || !contentType) return undefined;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return undefined;
    return {
      contentType,
      size: info.size,
      modifiedAt: info.mtime,
      open: () => createReadStream(file),
    };
  }

  async removeFolder(prefix: string): Promise<void> {
    const folder = this.resolve(prefix);
    if (!folder) throw new Error(`Not a media folder: ${prefix}`);
    await rm(folder, { recursive: true, force: true });
  }

  /** The absolute path for `key`, or null when the key could point outside the root. */
  private resolve(key: string): string | null {
    if (!KEY.test(key)) return null;
    const file = path.resolve(this.root, key);
    return file.startsWith(this.root + path.sep) ? file : null;
  }
}
