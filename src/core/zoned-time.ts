// Times in a blog's own zone, the one way the newsroom and readers see them: "14:05 EET" (the
// clock in the blog's language and zone, with the zone named as Intl's "short" name gives it),
// and the conversion between a wall-clock time typed in that zone ("2026-03-29T02:30", as a
// datetime-local input holds it) and an instant, correct across daylight-saving changes
// whatever zone the server or the browser runs in. Shared by the reader pages and the desk;
// src/reader/assets/live.js formats with the same options (CLOCK) and must stay in step.

export interface Zone {
  /** A BCP 47 language tag: the blog's `language`. */
  language: string;
  /** An IANA zone: the blog's `timezone`. */
  timezone: string;
}

export const CLOCK = {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
} satisfies Intl.DateTimeFormatOptions;

const DATED_CLOCK = {
  ...CLOCK,
  day: "numeric",
  month: "short",
} satisfies Intl.DateTimeFormatOptions;

// Western digits and the Gregorian calendar, whatever the language: for arithmetic only.
const PARTS = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
} satisfies Intl.DateTimeFormatOptions;

// Building a formatter is far slower than using one, and a page formats hundreds of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedFormatter(
  zone: Zone,
  options: Intl.DateTimeFormatOptions,
  name: string,
): Intl.DateTimeFormat {
  const key = `${zone.language}|${zone.timezone}|${name}`;
  let found = formatters.get(key);
  if (!found) {
    found = make(zone.language, zone.timezone, options);
    formatters.set(key, found);
  }
  return found;
}

function make(language: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  // Stored values were validated, but a tag can pass the pattern and still be refused by ICU.
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    try {
      return new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    } catch {
      return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
    }
  }
}

/** "14:05 EET": the clock in the zone, the zone named. */
export function clockTime(iso: string, zone: Zone): string {
  return zonedFormatter(zone, CLOCK, "clock").format(new Date(iso));
}

/** "14:05 EET" on the day it is now in the zone, else "26 Nov, 14:05 EET". */
export function stampTime(iso: string, zone: Zone, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const sameDay =
    wallTime(at, zone.timezone).slice(0, 10) === wallTime(now, zone.timezone).slice(0, 10);
  return sameDay ? clockTime(iso, zone) : zonedFormatter(zone, DATED_CLOCK, "dated").format(at);
}

/** The zone's short name at `at` ("EET", "GMT+2"), as the clock shows it. */
export function zoneName(zone: Zone, at: Date = new Date()): string {
  const parts = zonedFormatter(zone, CLOCK, "clock").formatToParts(at);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? zone.timezone;
}

/**
 * "2026-03-29T02:30": the wall clock in `timezone` at `at`, as a datetime-local value; with
 * `seconds`, "2026-03-29T02:30:15" (for an input with step=1).
 */
export function wallTime(at: Date, timezone: string, seconds = false): string {
  const parts = zonedFormatter({ language: "en-US", timezone }, PARTS, "parts").formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  const minute = `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
  return seconds ? `${minute}:${part("second")}` : minute;
}

/** How far the zone's wall clock is ahead of UTC at `at`, in milliseconds. */
export function zoneOffsetMs(timezone: string, at: number): number {
  const parts = zonedFormatter({ language: "en-US", timezone }, PARTS, "parts").formatToParts(
    new Date(at),
  );
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(at / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HALF_DAY = 12 * 3_600_000;

/**
 * The instant a wall-clock time in `timezone` names, as ISO; null if it is not a time.
 * A time the clocks skip (spring forward) is read as if the change had not happened yet, so
 * it lands just after the change ("02:30" in a 02:00→03:00 gap is 03:30); a time the clocks
 * pass twice (fall back) is the first of the two.
 */
export function fromWallTime(value: string, timezone: string): string | null {
  const match = WALL.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const local = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  // Date.UTC rolls 31 April over into May: a day or hour out of range is not a time.
  if (new Date(local).toISOString().slice(0, 16) !== `${value.slice(0, 16)}`) return null;
  // The zone's offsets either side of any change near this time: one of them is right.
  const before = zoneOffsetMs(timezone, local - HALF_DAY);
  const after = zoneOffsetMs(timezone, local + HALF_DAY);
  const fits = [local - before, local - after].filter(
    (at) => at + zoneOffsetMs(timezone, at) === local,
  );
  const at = fits.length > 0 ? Math.min(...fits) : local - before;
  return new Date(at).toISOString();
}
