// The line atop the stream saying which zone the page's times are in: the blog's, named as
// its clock names it ("Times are Berlin time (CET)."), so a reader without JavaScript knows.
// live.js rewrites the times into the reader's own zone and this line with them ("Times are
// your local time (EST).", written there). The words are the reader's messages `zone.place`,
// `zone.named` and (for live.js) `zone.local`, in the blog's language.

import type { Blog } from "../core/blog.js";
import { zoneName } from "../core/zoned-time.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

/** "Berlin" for Europe/Berlin, "Buenos Aires" for America/Argentina/Buenos_Aires; else none. */
function placeOf(timezone: string): string | undefined {
  if (!timezone.includes("/") || timezone.startsWith("Etc/")) return undefined;
  return timezone.slice(timezone.lastIndexOf("/") + 1).replaceAll("_", " ");
}

/** The sentence, the zone named as it was at `at` (CET or CEST: the newest time shown). */
export function zoneNoteText(blog: Pick<Blog, "language" | "timezone">, at: string): string {
  const zone = zoneName(blog, new Date(at));
  const place = placeOf(blog.timezone);
  // A zone with a place in its name ("Europe/Berlin") names it; "UTC" or "Etc/GMT+5" do not.
  return place
    ? t(blog.language, "zone.place", { place, zone })
    : t(blog.language, "zone.named", { zone });
}

/** One small element with a stable class, which live.js finds and rewrites. */
export function renderZoneNote(blog: Pick<Blog, "language" | "timezone">, at: string): SafeHtml {
  return html`<p class="times-zone">${zoneNoteText(blog, at)}</p>`;
}
