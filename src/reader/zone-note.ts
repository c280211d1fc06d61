// The line atop the stream saying which zone the page's times are in: the blog's, named as
// its clock names it ("Times are Berlin time (CET)."), so a reader without JavaScript knows.
// live.js rewrites the times into the reader's own zone and this line with them ("Times are
// your local time (EST).", written there). The words are the reader's messages `zone.place`,
// `zone.named` and (for live.js) `zone.local`, in the blog's language.

import type { Blog } from "../core/blog.js";
import { zoneName } from "../core/zoned-time.js";
import { html, type SafeHtml } from "./html.js";
import { readerLanguage, t } from "./i18n/messages.js";

/** "Berlin" for Europe/Berlin, "Buenos Aires" for America/Argentina/Buenos_Aires; else none. */
function placeOf(timezone: string): string | undefined {
  if (!timezone.includes("/") || timezone.startsWith("Etc/")) return undefined;
  return timezone.slice(timezone.lastIndexOf("/") + 1).replaceAll("_", " ");
}

/** The zone's location as the language names it in a generic zone name ("Москва", "مصر"). */
function genericName(language: string, timezone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat(language, { timeZone: timezone, timeZoneName: "shortGeneric" })
      .formatToParts(new Date(0))
      .find((part) => part.type === "timeZoneName")?.value;
  } catch {
    return undefined;
  }
}

// Tokyo's zone is Japan's alone, so its generic name is the language's way of naming a zone by
// its place ("час: Японія", "توقيت اليابان"): the frame around the place, found once per language.
const frames = new Map<string, [string, string] | null>();
function frameOf(language: string): [string, string] | null {
  let frame = frames.get(language);
  if (frame === undefined) {
    const named = genericName(language, "Asia/Tokyo");
    const japan = new Intl.DisplayNames(language, { type: "region" }).of("JP");
    const at = japan && named ? named.indexOf(japan) : -1;
    frame = named && japan && at >= 0 ? [named.slice(0, at), named.slice(at + japan.length)] : null;
    frames.set(language, frame);
  }
  return frame;
}

/**
 * The blog's place in its own language ("Москва" for Europe/Moscow, "مصر" for Africa/Cairo),
 * from the names Intl gives zones; none where the language names the zone by an abbreviation
 * ("CET") rather than a place. English pages name the place as the zone's identifier does.
 */
function placeIn(blog: Pick<Blog, "language" | "timezone">): string | undefined {
  const english = placeOf(blog.timezone);
  if (!english || readerLanguage(blog.language) === "en") return english;
  const language = readerLanguage(blog.language);
  const frame = frameOf(language);
  const named = genericName(language, blog.timezone);
  if (!frame || !named) return undefined;
  const [before, after] = frame;
  if (!named.startsWith(before) || !named.endsWith(after)) return undefined;
  const place = named.slice(before.length, named.length - after.length).trim();
  // An offset ("GMT+5") or an abbreviation ("CET", "МСК") is not a place.
  const abbreviation = place === place.toUpperCase() && place !== place.toLowerCase();
  return place === "" || /\d/.test(place) || abbreviation ? undefined : place;
}

/** The sentence, the zone named as it was at `at` (CET or CEST: the newest time shown). */
export function zoneNoteText(blog: Pick<Blog, "language" | "timezone">, at: string): string {
  const zone = zoneName(blog, new Date(at));
  const place = placeIn(blog);
  // A zone with a place in its name ("Europe/Berlin") names it; "UTC" or "Etc/GMT+5" do not.
  return place
    ? t(blog.language, "zone.place", { place, zone })
    : t(blog.language, "zone.named", { zone });
}

/** One small element with a stable class, which live.js finds and rewrites. */
export function renderZoneNote(blog: Pick<Blog, "language" | "timezone">, at: string): SafeHtml {
  return html`<p class="times-zone">${zoneNoteText(blog, at)}</p>`;
}
