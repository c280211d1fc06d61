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
