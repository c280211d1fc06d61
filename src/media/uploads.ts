// Image uploads end to end: process the bytes into variants, a few uploads at a time, and
// keep the variants in the MediaStore. The HTTP route and any future importer call this.

import type { MediaStore } from "../core/ports.js";
import { type ProcessedImage, processImage, type UploadedImage } from "./process.js";

/** Resizing is CPU- and memory-heavy; two at a time leaves the server free for everyone else. */
export const DEFAULT_PROCESSING_CONCURRENCY = 2;

export class ImageUploads {
  private readonly media: MediaStore;
  private readonly gate: ProcessingGate;

  constructor(media: MediaStore, concurrency: number = DEFAULT_PROCESSING_CONCURRENCY) {
    this.media = media;
    this.gate = new ProcessingGate(concurrency);
  }

  /** Throws DomainError `unsupported_media_type` or `payload_too_large` for unusable input. */
  async upload(bytes: Buffer): Promise<UploadedImage> {
    const processed: ProcessedImage = await this.gate.run(() => processImage(bytes));
    // The answer's `src` must work the moment the editor gets it: store everything first.
    await Promise.all(processed.files.map((f) => this.media.put(f.key, f.data, f.contentType)));
    return processed.image;
  }
}

/** Runs at most `limit` pieces of work at once; the rest wait their turn, first come first served. */
export class ProcessingGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
