// The newsroom app's words: `t("signIn.signIn")` is "Sign in" in English. Every message is
// in ICU MessageFormat (plurals, choices) in messages/<language>.json, compiled once and kept.
// Adding a language is adding its file: every file under messages/ is found at build time.
// A key missing from a language, or a language not shipped, reads as English.

import { IntlMessageFormat } from "intl-messageformat";
import { browserLanguages, chooseLanguage, FALLBACK_LANGUAGE } from "./language";
import en from "./messages/en.json";

/** Every message's key; a key not in en.json is a type error where it is used. */
export type MessageKey = keyof typeof en;

/** Values a message fills in: `{count}`, `{name}`. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

type Catalogue = Partial<Record<MessageKey, string>>;

// Vite (and Vitest) gather the files at build time; each is its own small JSON module.
const files = import.meta.glob<Catalogue>("./messages/*.json", { eager: true, import: "default" });

const catalogues = new Map<string, Catalogue>(
  Object.entries(files).map(([path, messages]) => [
    path.replace(/^.*\//, "").replace(/\.json$/, ""),
    messages,
  ]),
);

/** The languages shipped, as their file names say them. */
export const shippedLanguages: readonly string[] = [...catalogues.keys()];

let language = chooseLanguage(browserLanguages(), shippedLanguages);

/** The language the app speaks now. */
export function currentLanguage(): string {
  return language;
}

/** Speak another language from now on (a setting, a test); unknown ones fall back to English. */
export function speakLanguage(preferred: string): void {
  language = chooseLanguage([preferred], shippedLanguages);
}

const compiled = new Map<string, IntlMessageFormat>();

function compile(lang: string, key: MessageKey): IntlMessageFormat {
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    const own = catalogues.get(lang)?.[key];
    const [source, locale] = own === undefined ? [en[key], FALLBACK_LANGUAGE] : [own, lang];
    format = new IntlMessageFormat(source, locale);
    compiled.set(id, format);
  }
  return format;
}

/** The message `key` in the app's language, with `values` filled in. */
export function t(key: MessageKey, values?: MessageValues): string {
  return String(compile(language, key).format(values));
}

/**
 * The message `key` as pieces, for sentences that hold more than words: a value that is an
 * object (a link, say) comes back as itself among the strings around it.
 */
export function tParts<Part extends object>(
  key: MessageKey,
  values: Record<string, MessageValues[string] | Part>,
): (string | Part)[] {
  const said = compile(language, key).format<Part>(values);
  return (Array.isArray(said) ? said : [said]).filter((part) => part !== "") as (string | Part)[];
}
