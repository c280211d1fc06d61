// A gallery in the composer: one node whose `images` attribute holds each picture's source,
// alt text, caption, credit and size, and whose `caption` is the gallery's own. Converted
// here to and from the contract's gallery block; galleryProblems says what stops publishing.

import type { Block, Image } from "../../core/content/blocks";
import { t } from "../i18n/messages";
import { attr, type DocNode, NODE } from "./doc";

/** One picture as the gallery node keeps it (the image node's attributes, flattened). */
export interface GalleryImageAttrs {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  /** Set while the file uploads: no src yet. */
  uploadId?: string;
}

export function galleryImagesOf(node: DocNode): GalleryImageAttrs[] {
  const raw = node.attrs?.images;
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const o = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    const px = (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : null);
    return {
      src: str(o.src),
      alt: str(o.alt),
      caption: str(o.caption),
      credit: str(o.credit),
      width: px(o.width),
      height: px(o.height),
      ...(typeof o.uploadId === "string" ? { uploadId: o.uploadId } : {}),
    };
  });
}

function toImage(attrs: GalleryImageAttrs): Image {
  const image: Image = { src: attrs.src, alt: attrs.alt.trim() };
  const caption = attrs.caption.trim();
  const credit = attrs.credit.trim();
  if (caption) image.caption = caption;
  if (credit) image.credit = credit;
  if (attrs.width && attrs.height) {
    image.width = attrs.width;
    image.height = attrs.height;
  }
  return image;
}

/** The gallery node as a block: pictures still uploading are left out; one left is an image. */
export function galleryNodeToBlock(node: DocNode): Block | null {
  const images = galleryImagesOf(node)
    .filter((image) => image.src)
    .map(toImage);
  const caption = attr(node, "caption").trim();
  if (images.length === 0) return null;
  if (images.length === 1 && images[0]) return { type: "image", ...images[0] };
  return { type: "gallery", images, ...(caption ? { caption } : {}) };
}

export function galleryBlockToNode(block: Extract<Block, { type: "gallery" }>): DocNode {
  const images: GalleryImageAttrs[] = block.images.map((image) => ({
    src: image.src,
    alt: image.alt,
    caption: image.caption ?? "",
    credit: image.credit ?? "",
    width: image.width ?? null,
    height: image.height ?? null,
  }));
  return { type: NODE.gallery, attrs: { images, caption: block.caption ?? "" } };
}

/** What a gallery lacks before it may go out, named by its place among the post's galleries. */
export function galleryProblems(node: DocNode, n: number): string[] {
  const problems: string[] = [];
  const images = galleryImagesOf(node);
  images.forEach((image, i) => {
    const which = { gallery: n, image: i + 1 };
    if (!image.src) problems.push(t("gallery.stillUploading", which));
    else if (!image.alt.trim()) problems.push(t("gallery.needsAlt", which));
  });
  if (images.length > 20)
    problems.push(t("gallery.tooMany", { gallery: n, count: images.length, most: 20 }));
  return problems;
}
