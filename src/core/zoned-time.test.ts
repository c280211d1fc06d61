// Times in a blog's zone: the named clock, and typed wall-clock times across DST changes.

import { describe, expect, it } from "vitest";
import { clockTime, fromWallTime, stampTime, wallTime, zoneName } from "./zoned-time.js";

const kyiv = { language: "en-GB", timezone: "Europe/Kyiv" };

describe("the clock in a blog's zone", () => {
  it("names the zone, and follows its summer time", () => {
    expect(clockTime("2026-11-26T12:05:00Z", kyiv)).toBe("14:05 EET");
    expect(clockTime("2026-07-01T12:05:00Z", kyiv)).toBe("15:05 EEST");
    expect(clockTime("2026-11-26T12:05:00Z", { language: "en", timezone: "UTC" })).toBe(
      "12:05 UTC",
    );
    expect(zoneName(kyiv, new Date("2026-07-01T00:00:00Z"))).toBe("EEST");
  });

  it("adds the day when it is not today in that zone", () => {
    const now = new Date("2026-11-26T21:30:00Z"); // 23:30 in Kyiv
    expect(stampTime("2026-11-26T08:00:00Z", kyiv, now)).toBe("10:00 EET");
    // 21:30 UTC on the 25th is still the 25th in Kyiv; 22:30 is the 26th there.
    expect(stampTime("2026-11-25T21:30:00Z", kyiv, now)).toBe("25 Nov, 23:30 EET");
    expect(stampTime("2026-11-25T22:30:00Z", kyiv, now)).toBe("00:30 EET");
    expect(stampTime("not a time", kyiv, now)).toBe("");
  });
});

describe("a wall-clock time typed in the blog's zone", () => {
  it("is read in that zone, whatever zone this process runs in", () => {
    expect(fromWallTime("2026-11-26T14:05", "Europe/Kyiv")).toBe("2026-11-26T12:05:00.000Z");
    expect(fromWallTime("2026-11-26T14:05", "Europe/London")).toBe("2026-11-26T14:05:00.000Z");
    expect(fromWallTime("2026-11-26T14:05", "Asia/Kolkata")).toBe("2026-11-26T08:35:00.000Z");
    expect(fromWallTime("", "Europe/Kyiv")).toBeNull();
    expect(fromWallTime("2026-13-45T99:00", "Europe/Kyiv")).toBeNull();
  });

  it("crosses spring forward: before, after, and the skipped hour", () => {
    // Kyiv: 29 March 2026, 03:00 EET becomes 04:00 EEST (01:00 UTC).
    expect(fromWallTime("2026-03-29T02:30", "Europe/Kyiv")).toBe("2026-03-29T00:30:00.000Z");
    expect(fromWallTime("2026-03-29T05:00", "Europe/Kyiv")).toBe("2026-03-29T02:00:00.000Z");
    // 03:30 never happens that night: it is read as just after the change.
    expect(fromWallTime("2026-03-29T03:30", "Europe/Kyiv")).toBe("2026-03-29T01:30:00.000Z");
    // New York: 8 March 2026, 02:00 EST becomes 03:00 EDT.
    expect(fromWallTime("2026-03-08T01:30", "America/New_York")).toBe("2026-03-08T06:30:00.000Z");
    expect(fromWallTime("2026-03-08T12:00", "America/New_York")).toBe("2026-03-08T16:00:00.000Z");
  });

  it("crosses fall back: before, after, and the hour that comes twice", () => {
    // Kyiv: 25 October 2026, 04:00 EEST becomes 03:00 EET (01:00 UTC).
    expect(fromWallTime("2026-10-25T02:00", "Europe/Kyiv")).toBe("2026-10-24T23:00:00.000Z");
    expect(fromWallTime("2026-10-25T05:00", "Europe/Kyiv")).toBe("2026-10-25T03:00:00.000Z");
    // 03:30 comes twice: the first of them.
    expect(fromWallTime("2026-10-25T03:30", "Europe/Kyiv")).toBe("2026-10-25T00:30:00.000Z");
    // New York: 1 November 2026, 02:00 EDT becomes 01:00 EST.
    expect(fromWallTime("2026-11-01T12:00", "America/New_York")).toBe("2026-11-01T17:00:00.000Z");
  });

  it("round-trips with the wall clock shown in the input", () => {
    for (const iso of [
      "2026-03-29T00:59:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:30:00.000Z",
      "2026-06-15T09:45:00.000Z",
    ]) {
      for (const timezone of ["Europe/Kyiv", "Europe/London", "America/New_York", "UTC"]) {
        expect(fromWallTime(wallTime(new Date(iso), timezone), timezone)).toBe(
          // Europe turns its clocks back at 01:00 UTC that day: the second of two identical
          // wall times reads back as the first, an hour earlier.
          iso === "2026-10-25T01:30:00.000Z" && timezone.startsWith("Europe/")
            ? "2026-10-25T00:30:00.000Z"
            : iso,
        );
      }
    }
  });
});
