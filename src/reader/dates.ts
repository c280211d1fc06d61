// How times read on reader pages: a post's HH:MM, the day dividers and the closing time, all
// in the blog's own time zone and language, so a Berlin blog reads in Berlin time wherever
// the server runs. live.js formats with the same options so live updates match the page.

import type { Blog } from "../core/blog.js";
import { clockTime, zonedFormatter } from "../core/zoned-time.js";
import { t } from "./i18n/messages.js";

type Zone = Pick<Blog, "language" | "timezone">;

const OPTIONS = {
  day: { weekday: "long", day: "numeric", month: "long" },
  date: { day: "numeric", month: "long" },
  dated: { day: "numeric", month: "long", year: "numeric" },
  full: { dateStyle: "long", timeStyle: "short" },
  key: { year: "numeric", month: "2-digit", day: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The core's cached formatters (building one is far slower than using one). */
function formatter(zone: Zone, kind: keyof typeof OPTIONS): Intl.DateTimeFormat {
  return zonedFormatter(zone, OPTIONS[kind], `reader-${kind}`);
}

/** "14:05 CET": the one clock format of the newsroom and its readers (core/zoned-time.ts). */
export function timeOfDay(iso: string, zone: Zone): string {
  return clockTime(iso, zone);
}

/** "Wednesday 26 November": the label of a day divider. */
export function dayLabel(iso: string, zone: Zone): string {
  return formatter(zone, "day").format(new Date(iso));
}

/** "26 November 2026 at 14:05": for tooltips and the closing notice's fuller form. */
export function fullDateTime(iso: string, zone: Zone): string {
  return formatter(zone, "full").format(new Date(iso));
}

/**
 * "26 November 2026 at 14:05 CET": a time shown in full on the page (a comment's, a version's),
 * its zone named as every clock time on the page is; live.js rewrites both parts into the
 * reader's zone.
 */
export function shownDateTime(iso: string, zone: Zone): string {
  const date = formatter(zone, "dated").format(new Date(iso));
  return t(zone.language, "date.at", { date, time: timeOfDay(iso, zone) });
}

/** "26 November at 18:00 CET": when coverage ended. */
export function endedAt(iso: string, zone: Zone): string {
  const date = formatter(zone, "date").format(new Date(iso));
  return t(zone.language, "date.at", { date, time: timeOfDay(iso, zone) });
}

/** "2026-11-26": the calendar day in the blog's time zone, for grouping posts by day. */
export function dayKey(iso: string, zone: Zone): string {
  // Fixed locale: the key must be Western digits in the Gregorian calendar whatever the
  // page's language (Arabic digits or the Buddhist era would break grouping and live.js).
  const parts = formatter({ language: "en-US", timezone: zone.timezone }, "key").formatToParts(
    new Date(iso),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The latest of some ISO times (the first when none parse later). */
export function latestTime(first: string, ...rest: readonly string[]): string {
  let best = first;
  for (const time of rest) if (Date.parse(time) > Date.parse(best)) best = time;
  return best;
}
