// Tags on a post: short labels the desk gives an update ("Casualties", "Kyiv", "Diplomacy") so
// readers can follow one thread of long coverage. Each tag keeps the case it was written in
// and has a slug for its address; two tags of a post may not share a slug, so "Kyiv" and
// "kyiv" are one tag. Slugs keep every script's letters (Arabic, Cyrillic…): only what is not
// a letter, mark or digit becomes a dash. live.js spells the same rule for posts arriving live.

import { z } from "zod";
import { text } from "./text.js";

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

/** The tag's address part: "Middle East" → "middle-east", "Київ" → "київ". */
export function tagSlug(tag: string): string {
  return tag
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

const Tag = text()
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "A tag needs at least one character")
      .max(MAX_TAG_LENGTH, `A tag has at most ${MAX_TAG_LENGTH} characters`)
      .refine((value) => tagSlug(value) !== "", "A tag needs a letter or a digit"),
  );

export const TagsInput = z
  .array(Tag)
  .max(MAX_TAGS, `A post has at most ${MAX_TAGS} tags`)
  .superRefine((tags, context) => {
    const seen = new Set<string>();
    tags.forEach((tag, index) => {
      const slug = tagSlug(tag);
      if (seen.has(slug)) {
        context.addIssue({
          code: "custom",
          path: [index],
          message: `"${tag}" is already a tag of this post`,
        });
      }
      seen.add(slug);
    });
  })
  .describe(
    'Short labels such as "Kyiv" or "Diplomacy" (1 to 40 characters, at most 10, each once whatever its case); replaces the post\'s tags',
  );

/** A blog's tag as readers see it listed: its words, its slug and how many updates carry it. */
export interface TagCount {
  tag: string;
  slug: string;
  posts: number;
}

/** Whether two lists of tags say the same, in the same order. */
export function sameTags(a: readonly string[] | undefined, b: readonly string[] | undefined) {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((tag, i) => tag === right[i]);
}
