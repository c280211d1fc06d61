// Which language the newsroom app speaks: the first of the browser's languages a message file
// ships for (exactly, then by its base language: "fr-CA" finds fr.json), else English. One
// place, so a setting can take its say here later.

/** The language every message file falls back to; en.json is the one that must be complete. */
export const FALLBACK_LANGUAGE = "en";

export function chooseLanguage(preferred: readonly string[], available: readonly string[]): string {
  const shipped = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  for (const tag of preferred) {
    const exact = shipped.get(tag.toLowerCase());
    if (exact) return exact;
    const base = shipped.get(tag.toLowerCase().split("-")[0] ?? "");
    if (base) return base;
  }
  return FALLBACK_LANGUAGE;
}

/** The browser's languages, most wanted first; none where there is no browser (unit tests). */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
