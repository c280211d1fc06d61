// Image uploads end to end: admit the upload (bounded per user and in total), process it into
// variants a few at a time within a time budget, and keep the variants in the MediaStore.
// The upload and import routes both come through here, so they share one queue.

import { DomainError } from "../core/errors.js";
import type { MediaStore } from "../core/ports.js";
import { GateFull, type GatePlace, ProcessingGate } from "./gate.js";
import {
  type ImageSource,
  type ProcessedImage,
  processImage,
  type UploadedImage,
} from "./process.js";

export { ProcessingGate } from "./gate.js";

export interface UploadLimits {
  /** Resizing is CPU- and memory-heavy; two at a time leaves the server free for everyone else. */
  concurrency: number;
  /** Images one user may have in hand (receiving, waiting or processing); more get 429. */
  perUser: number;
  /** Images everyone together may have in hand; more get 503. */
  total: number;
  /** Processing one image past this is refused (`processing_timeout`). */
  timeoutMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  concurrency: 2,
  perUser: 4,
  total: 16,
  timeoutMs: 30_000,
};

/** Roughly how long one image takes to process: the basis of a Retry-After estimate. */
const SECONDS_PER_IMAGE = 2;

export class ImageUploads {
  private readonly media: MediaStore;
  private readonly gate: ProcessingGate;
  private readonly limits: UploadLimits;

  constructor(media: MediaStore, limits: Partial<UploadLimits> = {}) {
    this.media = media;
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
    this.gate = new ProcessingGate({
      concurrency: this.limits.concurrency,
      perOwner: this.limits.perUser,
      total: this.limits.total,
    });
  }

  /**
   * A place in the queue for one of `userId`'s images, taken before its bytes are read. Throws
   * `too_many_uploads` (429) or `server_busy` (503), each with `details.retryAfter` seconds.
   */
  admit(userId: string): GatePlace {
    try {
      return this.gate.enter(userId);
    } catch (error) {
      if (!(error instanceof GateFull)) throw error;
      const ahead = Math.ceil(this.gate.inHand / this.limits.concurrency);
      const retryAfter = Math.max(1, ahead * SECONDS_PER_IMAGE);
      throw error.scope === "owner"
        ? new DomainError(
            "too_many_uploads",
            `You have ${this.limits.perUser} images on their way already; send more once they are in`,
            { details: { retryAfter } },
          )
        : new DomainError(
            "server_busy",
            "Dispatch is processing many images right now; try again in a few seconds",
            { details: { retryAfter } },
          );
    }
  }

  /**
   * Processes an admitted image (bytes, or the path of a file holding them) and stores its
   * variants. Throws DomainError `unsupported_media_type`, `payload_too_large` or
   * `processing_timeout` for unusable input. The caller leaves the place afterwards. `folder`
   * keeps the variants somewhere other than the public `u/` (readers' photos).
   */
  async process(place: GatePlace, source: ImageSource, folder?: string): Promise<UploadedImage> {
    const processed: ProcessedImage = await place.run(() =>
      processImage(source, undefined, {
        timeoutMs: this.limits.timeoutMs,
        ...(folder ? { folder } : {}),
      }),
    );
    // The answer's `src` must work the moment the editor gets it: store everything first.
    await Promise.all(processed.files.map((f) => this.media.put(f.key, f.data, f.contentType)));
    return processed.image;
  }

  /** Deletes a processed image's variants, given any of its paths (`/media/FOLDER/ID/…`). */
  async discard(src: string): Promise<void> {
    const folder = /^\/media\/([a-z-]+\/[a-z0-9]+)\/[^/]+$/.exec(src)?.[1];
    if (folder) await this.media.removeFolder(folder);
  }

  /** Admits, processes and stores one image already in hand (an import's fetched bytes). */
  async upload(userId: string, source: ImageSource): Promise<UploadedImage> {
    const place = this.admit(userId);
    try {
      return await this.process(place, source);
    } finally {
      place.leave();
    }
  }
}
