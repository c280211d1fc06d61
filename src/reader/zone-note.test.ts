import { describe, expect, it } from "vitest";
import { renderZoneNote, zoneNoteText } from "./zone-note.js";

describe("the note naming the page's time zone", () => {
  it("names the blog's place and its zone as the clock names it, summer or winter", () => {
    const berlin = { language: "en-GB", timezone: "Europe/Berlin" };
    expect(zoneNoteText(berlin, "2026-01-15T12:00:00Z")).toBe("Times are Berlin time (CET).");
    expect(zoneNoteText(berlin, "2026-07-15T12:00:00Z")).toBe("Times are Berlin time (CEST).");
    expect(
      zoneNoteText(
        { language: "en", timezone: "America/Argentina/Buenos_Aires" },
        "2026-01-15T12:00:00Z",
      ),
    ).toMatch(/^Times are Buenos Aires time \(.+\)\.$/);
  });

  it("says only the zone when it names no place", () => {
    expect(zoneNoteText({ language: "en", timezone: "UTC" }, "2026-01-15T12:00:00Z")).toBe(
      "Times are UTC.",
    );
  });

  it("is one element with a stable class", () => {
    expect(
      String(
        renderZoneNote({ language: "en-GB", timezone: "Europe/Berlin" }, "2026-01-15T12:00:00Z"),
      ),
    ).toBe('<p class="times-zone">Times are Berlin time (CET).</p>');
  });
});
