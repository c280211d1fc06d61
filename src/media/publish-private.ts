// Makes an image kept privately in the media store (a reader's photo) an ordinary published
// one: its variants copied, under a fresh id, into the public `u/` folder `/media/` serves,
// leaving the private copy to be erased with the reader's personal data as before.

import sharp from "sharp";
import { newId } from "../core/ids.js";
import type { MediaStore } from "../core/ports.js";
import { type UploadedImage, VARIANT_WIDTHS, type VariantType, variantKey } from "./process.js";

const TYPES: VariantType[] = ["image/webp", "image/jpeg"];

export async function publishPrivateImage(
  media: MediaStore,
  folder: string,
  image: { id: string; width: number; height: number },
): Promise<UploadedImage> {
  const id = newId();
  const published: UploadedImage = { id, src: "", width: 0, height: 0, variants: [] };
  let largest: Buffer | undefined;
  for (const target of VARIANT_WIDTHS) {
    const width = Math.min(target, image.width);
    for (const type of TYPES) {
      const file = await media.get(variantKey(image.id, target, type, folder));
      if (!file) throw new Error(`A private image's variant is missing: ${image.id} ${target}`);
      const data = await readAll(file.open());
      await media.put(variantKey(id, target, type), data, type);
      if (type === "image/jpeg") largest = data;
      published.variants.push({ width, type, src: `/media/${variantKey(id, target, type)}` });
    }
    published.src = `/media/${variantKey(id, target, "image/jpeg")}`;
    published.width = width;
  }
  // The height the largest variant really has, as an upload's answer gives it.
  published.height = (largest && (await sharp(largest).metadata()).height) || image.height;
  return published;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
