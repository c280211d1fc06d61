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

  it("names the place in the blog's language, never with the zone's English name", () => {
    const at = "2026-01-15T12:00:00Z";
    expect(zoneNoteText({ language: "ru-RU", timezone: "Europe/Moscow" }, at)).toBe(
      "Время указано для часового пояса Москва (GMT+3).",
    );
    expect(zoneNoteText({ language: "ar", timezone: "Africa/Cairo" }, at)).toMatch(
      /^الأوقات بتوقيت مصر \(.+\)\.$/,
    );
    expect(zoneNoteText({ language: "uk", timezone: "Europe/Kyiv" }, at)).toContain("Україна");
    expect(zoneNoteText({ language: "fr", timezone: "Europe/Moscow" }, at)).toContain("Moscou");
    expect(zoneNoteText({ language: "es", timezone: "America/New_York" }, at)).toContain(
      "Nueva York",
    );
    // Where the language has no name for the place, the note names the zone alone.
    expect(zoneNoteText({ language: "es-ES", timezone: "Europe/Madrid" }, at)).toBe(
      "Las horas están en CET.",
    );
    // A language not shipped reads the English page, place named as in English.
    expect(zoneNoteText({ language: "de", timezone: "Europe/Berlin" }, at)).toBe(
      "Times are Berlin time (MEZ).",
    );
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
