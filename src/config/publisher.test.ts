import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("PUBLISHER_NAME and PUBLISHER_LOGO", () => {
  it("names the newsroom after PUBLIC_URL's host, or Dispatch, with no logo by default", () => {
    expect(loadConfig({}, {}).publisherName).toBe("Dispatch");
    const config = loadConfig({}, { PUBLIC_URL: "https://live.example.com/" });
    expect(config.publisherName).toBe("live.example.com");
    expect(config.publisherLogo).toBeUndefined();
  });

  it("takes the newsroom's own name and logo", () => {
    const config = loadConfig(
      {},
      { PUBLISHER_NAME: " The Daily Example ", PUBLISHER_LOGO: "https://example.com/logo.png" },
    );
    expect(config.publisherName).toBe("The Daily Example");
    expect(config.publisherLogo).toBe("https://example.com/logo.png");
  });

  it("stops start-up for a logo that is not an absolute http(s) URL, naming the setting", () => {
    for (const logo of ["/logo.png", "javascript:alert(1)", "ftp://example.com/logo.png"]) {
      expect(() => loadConfig({}, { PUBLISHER_LOGO: logo })).toThrow(ConfigError);
      expect(() => loadConfig({}, { PUBLISHER_LOGO: logo })).toThrow(/PUBLISHER_LOGO/);
    }
  });

  it("refuses a name on several lines", () => {
    expect(() => loadConfig({}, { PUBLISHER_NAME: "Daily\nExample" })).toThrow(/PUBLISHER_NAME/);
  });
});
