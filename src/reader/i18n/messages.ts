// The reader's interface words in the blog's language: one message file per language in
// messages/ (ICU MessageFormat, flat keys, English the reference), chosen by the primary
// subtag of the blog's BCP 47 tag (`ru-RU` → ru), English for a language not shipped. The
// files are read from the sources at first use, as the reader's assets are, so the same
// answer holds under tsx, vitest and the compiled dist/. Compiled messages are kept.

import { readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { packageRoot } from "../assets.js";
import { html, raw, type SafeHtml } from "../html.js";

/** The languages a translator has written a message file for; English is the reference. */
export const SHIPPED_LANGUAGES = ["en", "ar", "ru", "fr", "es", "uk"] as const;
export type ReaderLanguage = (typeof SHIPPED_LANGUAGES)[number];

export type Messages = Readonly<Record<string, string>>;
export type MessageValues = Record<string, string | number>;

export function messagesDir(): string {
  return path.join(packageRoot(), "src", "reader", "i18n", "messages");
}

/** The shipped language a blog's tag reads in: its primary subtag, else English. */
export function readerLanguage(language: string): ReaderLanguage {
  const primary = (language.split(/[-_]/)[0] ?? "").toLowerCase();
  return (SHIPPED_LANGUAGES as readonly string[]).includes(primary)
    ? (primary as ReaderLanguage)
    : "en";
}

const catalogues = new Map<ReaderLanguage, Messages>();

/** A shipped language's message file as written, keys in the file's order. */
export function catalogue(language: ReaderLanguage): Messages {
  let messages = catalogues.get(language);
  if (!messages) {
    const file = path.join(messagesDir(), `${language}.json`);
    messages = JSON.parse(readFileSync(file, "utf8")) as Messages;
    catalogues.set(language, messages);
  }
  return messages;
}

/** The messages a blog's pages use: its language's, English for a key a file lacks. */
export function messagesFor(language: string): Messages {
  const chosen = readerLanguage(language);
  return chosen === "en" ? catalogue("en") : { ...catalogue("en"), ...catalogue(chosen) };
}

const compiled = new Map<string, IntlMessageFormat>();

/** A message compiled for a blog's language, cached per shipped language, tag and key. */
export function compiledMessage(language: string, key: string): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    const source = messagesFor(language)[key];
    if (source === undefined) throw new Error(`No reader message "${key}"`);
    format = new IntlMessageFormat(source, localeOf(language));
    compiled.set(id, format);
  }
  return format;
}

/** The tag Intl is given: the blog's own when Intl knows it (plurals, digits), else the file's. */
function localeOf(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? readerLanguage(language);
  } catch {
    return readerLanguage(language);
  }
}

/** A message as plain text (escaped later by the html tag, like any other string). */
export function t(language: string, key: string, values: MessageValues = {}): string {
  const text = compiledMessage(language, key).format(values);
  if (typeof text !== "string") throw new Error(`Reader message "${key}" is not plain text`);
  return text;
}

/**
 * A message holding markup in some of its arguments ("Updated {time}" with a <time>
 * element): the words are escaped, the markup kept. Arguments go through the formatter as
 * private-use marks, so a translator may put them anywhere in the sentence.
 */
export function tHtml(
  language: string,
  key: string,
  values: Record<string, string | number | SafeHtml>,
): SafeHtml {
  const marks: SafeHtml[] = [];
  const plain: MessageValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string" || typeof value === "number") plain[name] = value;
    else {
      plain[name] = `\uE000${marks.length}\uE001`;
      marks.push(value);
    }
  }
  const text = t(language, key, plain);
  const parts = text.split(/\uE000(\d+)\uE001/);
  return html`${parts.map((part, i) => (i % 2 === 0 ? part : (marks[Number(part)] ?? raw(""))))}`;
}

/**
 * Names joined as the language joins them ("A, B and C", "A، B و C"): Intl's list format
 * cut into parts so each name may be markup.
 */
export function joinList(language: string, items: readonly SafeHtml[]): SafeHtml {
  // English as the pages always wrote it, "A, B and C", whatever the region's habit.
  const locale = readerLanguage(language) === "en" ? "en-GB" : localeOf(language);
  let format: Intl.ListFormat;
  try {
    format = new Intl.ListFormat(locale, { type: "conjunction" });
  } catch {
    format = new Intl.ListFormat("en", { type: "conjunction" });
  }
  const parts = format.formatToParts(items.map((_, i) => `\uE000${i}\uE001`));
  return html`${parts.map((part) =>
    part.type === "element" ? (items[Number(part.value.slice(1, -1))] ?? raw("")) : part.value,
  )}`;
}
