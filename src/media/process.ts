// Turns an uploaded image into what readers download: 480, 960 and 1600 px wide variants in
// WebP and JPEG, upright, in sRGB, and with every byte of metadata (EXIF, GPS location, XMP,
// IPTC, ICC) left behind. The type is read from the bytes, never from the file name or the
// Content-Type a browser guessed. The pixel work runs on libvips' threads, off the event loop,
// within a time budget. The input is bytes or the path of a file holding them: an upload is
// streamed to a file first and never held whole in memory.

import { open } from "node:fs/promises";
import sharp from "sharp";
import { DomainError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { UPLOAD_WIDTHS } from "../core/media.js";

export const VARIANT_WIDTHS = UPLOAD_WIDTHS;

/**
 * The most pixels an upload may decode to. 100 megapixels covers every camera a newsroom
 * uses; a small file that claims more is a decompression bomb, not a photo.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

const QUALITY = 80;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif"]);

export type VariantType = "image/webp" | "image/jpeg";

export interface ImageVariant {
  width: number;
  type: VariantType;
  src: string;
}

/** The answer to an upload: `src` is what an image block uses; width and height are its size. */
export interface UploadedImage {
  id: string;
  src: string;
  width: number;
  height: number;
  variants: ImageVariant[];
}

export interface VariantFile {
  /** The MediaStore key, served at `/media/<key>`. */
  key: string;
  contentType: VariantType;
  data: Buffer;
}

/** An image's bytes, or the path of a file holding them. */
export type ImageSource = Buffer | string;

export interface ProcessOptions {
  /** Past this the image is refused (`processing_timeout`); by default there is no limit. */
  timeoutMs?: number;
  /** The media store folder the variants go in (default `u`, served at `/media/u/`). */
  folder?: string;
}

export interface ProcessedImage {
  image: UploadedImage;
  files: VariantFile[];
}

/** The path an uploaded image's variant is served at. */
export function variantKey(id: string, width: number, type: VariantType, folder = "u"): string {
  return `${folder}/${id}/${width}.${type === "image/webp" ? "webp" : "jpg"}`;
}

export async function processImage(
  input: ImageSource,
  id: string = newId(),
  options: ProcessOptions = {},
): Promise<ProcessedImage> {
  const budget = new TimeBudget(options.timeoutMs);
  await ensureAcceptedImage(input);
  const base = await decodeUpright(input, budget);
  const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };

  const image: UploadedImage = { id, src: "", width: 0, height: 0, variants: [] };
  const files: VariantFile[] = [];
  // A narrow original gives the same pixels for several target widths: encode them once.
  const encoded = new Map<number, { webp: Buffer; jpeg: Buffer; height: number }>();
  for (const target of VARIANT_WIDTHS) {
    const width = Math.min(target, raw.width);
    let pair = encoded.get(width);
    if (!pair) {
      const resized = sharp(base.data, { raw })
        .timeout({ seconds: budget.seconds() })
        .resize({ width, withoutEnlargement: true });
      const [webp, jpeg] = await budget.within(
        Promise.all([
          resized.clone().webp({ quality: QUALITY }).toBuffer({ resolveWithObject: true }),
          // JPEG has no transparency: lay transparent pixels on white, as a page would show them.
          resized
            .clone()
            .flatten({ background: "#ffffff" })
            .jpeg({ quality: QUALITY, mozjpeg: true })
            .toBuffer({ resolveWithObject: true }),
        ]),
      );
      pair = { webp: webp.data, jpeg: jpeg.data, height: jpeg.info.height };
      encoded.set(width, pair);
    }
    for (const [type, data] of [
      ["image/webp", pair.webp],
      ["image/jpeg", pair.jpeg],
    ] as const) {
      const key = variantKey(id, target, type, options.folder);
      files.push({ key, contentType: type, data });
      image.variants.push({ width, type, src: `/media/${key}` });
    }
    image.src = `/media/${variantKey(id, target, "image/jpeg", options.folder)}`;
    image.width = width;
    image.height = pair.height;
  }
  return { image, files };
}

/** Refuses anything but a JPEG, PNG, WebP, GIF or AVIF image of a sane number of pixels. */
async function ensureAcceptedImage(input: ImageSource): Promise<void> {
  // Only bytes that start like an accepted format reach an image decoder at all, so SVG,
  // PDF or TIFF parsers never see untrusted input.
  const metadata = looksLikeAcceptedImage(await firstBytes(input))
    ? await sharp(input)
        .metadata()
        .catch(() => null)
    : null;
  // AVIF is HEIF with AV1 inside; HEIF with HEVC (HEIC) is not something browsers show.
  const format =
    metadata?.format === "heif" && metadata.compression === "av1" ? "avif" : metadata?.format;
  if (!metadata || !format || !ACCEPTED_FORMATS.has(format)) {
    throw new DomainError(
      "unsupported_media_type",
      "That file is not an image Dispatch can use; upload a JPEG, PNG, WebP, GIF or AVIF",
      { field: "file" },
    );
  }
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new DomainError(
      "payload_too_large",
      `That image is ${metadata.width}×${metadata.height} pixels; upload one of at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels`,
      { field: "file" },
    );
  }
}

function looksLikeAcceptedImage(b: Buffer): boolean {
  const ascii = (from: number, to: number) => b.toString("latin1", from, to);
  return (
    (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) || // JPEG
    ascii(0, 8) === "\x89PNG\r\n\x1a\n" ||
    ascii(0, 4) === "GIF8" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") ||
    ascii(4, 8) === "ftyp" // ISO media (AVIF, HEIC): sharp tells which
  );
}

/**
 * Decodes once, turned upright by its EXIF orientation and no wider than the largest
 * variant, into raw sRGB pixels that every variant is resized from. Raw pixels carry no
 * metadata, and sharp writes none unless asked, so nothing of the original's EXIF survives.
 */
async function decodeUpright(input: ImageSource, budget: TimeBudget) {
  const largest = Math.max(...VARIANT_WIDTHS);
  try {
    return await budget.within(
      sharp(input, { autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS })
        .timeout({ seconds: budget.seconds() })
        .resize({ width: largest, withoutEnlargement: true })
        .toColourspace("srgb")
        .raw({ depth: "uchar" })
        .toBuffer({ resolveWithObject: true }),
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      "unsupported_media_type",
      "That image could not be read; it may be damaged. Try exporting it again as JPEG or PNG",
      { field: "file" },
    );
  }
}

/** Enough of the start of an image to tell its format by its signature. */
async function firstBytes(input: ImageSource): Promise<Buffer> {
  if (typeof input !== "string") return input.subarray(0, 16);
  const file = await open(input, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(16), 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The time one image may take. libvips stops a pipeline past its `timeout` (whole seconds,
 * counted from when it starts); `within` turns that, or a budget already spent, into the
 * domain's refusal.
 */
class TimeBudget {
  private readonly deadline: number;
  private readonly limitMs: number | undefined;

  constructor(limitMs: number | undefined) {
    this.limitMs = limitMs;
    this.deadline = limitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + limitMs;
  }

  /** Seconds left for the next pipeline (0 means no limit to libvips). */
  seconds(): number {
    if (this.limitMs === undefined) return 0;
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.spent();
    return Math.max(1, Math.ceil(left / 1000));
  }

  async within<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (this.limitMs !== undefined && /timeout/i.test(String(error))) throw this.spent();
      throw error;
    }
  }

  private spent(): DomainError {
    const seconds = Math.round((this.limitMs ?? 0) / 1000);
    return new DomainError(
      "processing_timeout",
      `That image took longer than ${seconds} s to process; export a smaller JPEG and try again`,
      { field: "file" },
    );
  }
}
