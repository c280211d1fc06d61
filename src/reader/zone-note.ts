// The line atop the stream saying which zone the page's times are in: the blog's, named as
// its clock names it ("Times are Berlin time (CET)."), so a reader without JavaScript knows.
// live.js rewrites the times into the reader's own zone and this line with them ("Times are
// your local time (EST).", written there). English only for now: the words are the two
// constants below, with their placeholders, ready to move into the reader's message files.

import type { Blog } from "../core/blog.js";
import { zoneName } from "../core/zoned-time.js";
import { html, type SafeHtml } from "./html.js";

/** A zone with a place in its name ("Europe/Berlin"). */
export const TIMES_IN_PLACE = "Times are {place} time ({zone}).";
/** A zone without one ("UTC", "Etc/GMT+5"). */
export const TIMES_IN_ZONE = "Times are {zone}.";

/** "Berlin" for Europe/Berlin, "Buenos Aires" for America/Argentina/Buenos_Aires; else none. */
function placeOf(timezone: string): string | undefined {
  if (!timezone.includes("/") || timezone.startsWith("Etc/")) return undefined;
  return timezone.slice(timezone.lastIndexOf("/") + 1).replaceAll("_", " ");
}

/** The sentence, the zone named as it was at `at` (CET or CEST: the newest time shown). */
export function zoneNoteText(blog: Pick<Blog, "language" | "timezone">, at: string): string {
  const zone = zoneName(blog, new Date(at));
  const place = placeOf(blog.timezone);
  return place
    ? TIMES_IN_PLACE.replace("{place}", place).replace("{zone}", zone)
    : TIMES_IN_ZONE.replace("{zone}", zone);
}

/** One small element with a stable class, which live.js finds and rewrites. */
export function renderZoneNote(blog: Pick<Blog, "language" | "timezone">, at: string): SafeHtml {
  return html`<p class="times-zone">${zoneNoteText(blog, at)}</p>`;
}
