import { describe, expect, it } from "vitest";
import { loadConfig } from "./index.js";

describe("ALERTS_CONTACT", () => {
  it("takes a mailto: address or an https URL", () => {
    expect(loadConfig({}, { ALERTS_CONTACT: "mailto:ops@example.com" }).alertsContact).toBe(
      "mailto:ops@example.com",
    );
    expect(loadConfig({}, { ALERTS_CONTACT: "https://example.com/contact" }).alertsContact).toBe(
      "https://example.com/contact",
    );
  });

  it("falls back on an https PUBLIC_URL, and else is unset", () => {
    expect(loadConfig({}, { PUBLIC_URL: "https://live.example.com/" }).alertsContact).toBe(
      "https://live.example.com",
    );
    expect(loadConfig({}, { PUBLIC_URL: "http://localhost:8080" }).alertsContact).toBeUndefined();
    expect(loadConfig({}, {}).alertsContact).toBeUndefined();
  });

  it("refuses anything else, naming the setting", () => {
    expect(() => loadConfig({}, { ALERTS_CONTACT: "ops@example.com" })).toThrow(
      /ALERTS_CONTACT: use a mailto: address or an https URL/,
    );
    expect(() => loadConfig({}, { ALERTS_CONTACT: "http://example.com" })).toThrow(
      /ALERTS_CONTACT/,
    );
  });
});
