// Text the newsroom may store: any string without U+0000. PostgreSQL cannot hold a NUL in text
// (it answers "invalid byte sequence"), and no headline or name needs one, so every shared
// string schema refuses it up front, with the field at fault, on SQLite and PostgreSQL alike.

import { z } from "zod";

export const NUL_MESSAGE = "Text cannot contain a NUL character (U+0000)";

export function hasNul(value: string): boolean {
  return value.includes("\u0000");
}

/** A string schema that refuses U+0000; chain `.trim()`, `.max()` and the rest as usual. */
export function text() {
  return z.string().refine((value) => !hasNul(value), NUL_MESSAGE);
}
