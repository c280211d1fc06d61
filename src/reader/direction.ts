// Which way a blog's language is written: right to left for Arabic, Hebrew, Persian, Urdu and
// the other languages whose usual script runs that way, left to right otherwise. Every reader
// document names it (`<html dir>`) so the layout, written in logical CSS properties, mirrors.
// By primary subtag only: a script subtag ("az-Arab") is rare enough to leave for later.

const RIGHT_TO_LEFT = new Set([
  "ar",
  "he",
  "iw",
  "fa",
  "ur",
  "ps",
  "sd",
  "ug",
  "yi",
  "ji",
  "dv",
  "ckb",
]);

export type TextDirection = "rtl" | "ltr";

/** "rtl" for "ar", "ar-EG", "he-IL", "fa"…; "ltr" for everything else, unknown tags too. */
export function textDirection(language: string): TextDirection {
  const primary = language.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return RIGHT_TO_LEFT.has(primary) ? "rtl" : "ltr";
}
