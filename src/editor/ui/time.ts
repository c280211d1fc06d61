// Times as the desk reads them: "14:05 EET" today, "26 Nov, 14:05 EET" otherwise — the reader
// page's clock (core/zoned-time.ts), in the blog's zone and language wherever the desk is
// opened, the zone always named. Where no blog is at hand (tokens, users, the audit log) the
// browser's zone is used, named just the same. "Publish at" is typed on the blog's clock too.

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { fromWallTime, stampTime, wallTime, type Zone, zoneName } from "../../core/zoned-time";
import { t } from "../i18n/messages";

export type { Zone };

/** The zone of the blog whose desk is open; null outside a blog's desk. */
export const DeskZone = createContext<Zone | null>(null);

export function browserZone(): Zone {
  return {
    // `navigator` is the browser's; the unit tests run where there is none.
    language: (typeof navigator === "undefined" ? "" : navigator.language) || "en-GB",
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  };
}

export function zoneOf(blog: { language: string; timezone: string }): Zone {
  return { language: blog.language, timezone: blog.timezone };
}

export function deskTime(iso: string | null | undefined, zone: Zone | null = null): string {
  if (!iso) return "";
  return stampTime(iso, zone ?? browserZone());
}

/** The zone times on this screen are read in: the open blog's, else the browser's. */
export function useDeskZone(): Zone {
  return useContext(DeskZone) ?? browserZone();
}

/** `deskTime` in the zone of the blog whose desk this is. */
export function useDeskTime(): (iso: string | null | undefined) => string {
  const zone = useContext(DeskZone);
  return (iso) => deskTime(iso, zone);
}

/** "Kyiv time, EET": how the desk names a zone beside a time typed in it. */
export function zoneLabel(zone: Zone, at: Date = new Date()): string {
  const name = zoneName(zone, at);
  if (!zone.timezone.includes("/")) return name;
  const city = zone.timezone.split("/").pop()?.replace(/_/g, " ");
  return t("time.zoneLabel", { city, zone: name });
}

/** An ISO time as the value of a datetime-local input, on the clock of `zone`. */
export function toLocalInput(iso: string | null | undefined, zone: Zone, seconds = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : wallTime(date, zone.timezone, seconds);
}

/** A datetime-local value, read on the clock of `zone`, as an ISO time; null if not a time. */
export function fromLocalInput(value: string, zone: Zone): string | null {
  return fromWallTime(value, zone.timezone);
}
