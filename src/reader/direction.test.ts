import { describe, expect, it } from "vitest";
import { textDirection } from "./direction.js";

describe("textDirection", () => {
  it("reads right-to-left languages by their primary subtag, whatever the region", () => {
    for (const tag of [
      "ar",
      "ar-EG",
      "AR",
      "he-IL",
      "fa",
      "ur-PK",
      "ps",
      "sd",
      "ug",
      "yi",
      "dv",
      "ckb-IQ",
    ]) {
      expect(textDirection(tag)).toBe("rtl");
    }
  });

  it("reads every other language, and tags it does not know, left to right", () => {
    for (const tag of ["en", "en-GB", "de", "ku", "arn", "hebrew", "", "x-private"]) {
      expect(textDirection(tag)).toBe("ltr");
    }
  });
});
