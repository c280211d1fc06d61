// The JSON shape of POST /api/media's answer, for the OpenAPI document and for tests that
// hold the server to it.

import { z } from "zod";

export const ImageVariantJson = z.object({
  width: z.number().int().positive(),
  type: z.enum(["image/webp", "image/jpeg"]),
  src: z.string().regex(/^\/media\/u\/[a-z0-9]+\/(480|960|1600)\.(webp|jpg)$/),
});

export const UploadedImageJson = z.object({
  id: z.string(),
  /** Use this as an image block's `src`. */
  src: z.string().regex(/^\/media\/u\/[a-z0-9]+\/1600\.jpg$/),
  /** The size of the image at `src`. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  variants: z.array(ImageVariantJson),
});

/** An image in the media library, as GET /api/media lists it and PATCH /api/media/:id answers. */
export const MediaItemJson = z.object({
  id: z.string(),
  src: z.string().describe("Use this as an image block's `src`"),
  thumbnail: z.string().describe("The 480 px WebP variant, for a grid of thumbnails"),
  width: z
    .number()
    .int()
    .nonnegative()
    .describe("0 for an image uploaded before the library kept sizes"),
  height: z.number().int().nonnegative(),
  fileName: z.string().describe("The name of the file as uploaded"),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  uploadedBy: z.object({ name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const MediaPageJson = z.object({
  media: z.array(MediaItemJson),
  next: z.string().optional().describe("Pass as `before` for the next, older page"),
});
