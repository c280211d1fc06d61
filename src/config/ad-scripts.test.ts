import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("AD_SCRIPT_ORIGINS and AD_SCRIPT_URL", () => {
  it("allows no ad origin and loads no ad script by default", () => {
    const config = loadConfig({}, {});
    expect(config.adScriptOrigins).toEqual([]);
    expect(config.adScriptUrl).toBeUndefined();
  });

  it("reads origins separated by commas or spaces, as the policy names them", () => {
    const config = loadConfig(
      {},
      {
        AD_SCRIPT_ORIGINS:
          "https://Ads.Example.com/, https://*.adnet.example  https://cdn.example:8443 http://127.0.0.1:9000 https://ads.example.com",
        AD_SCRIPT_URL: "https://ads.example.com/tag.js?site=7",
      },
    );
    expect(config.adScriptOrigins).toEqual([
      "https://ads.example.com",
      "https://*.adnet.example",
      "https://cdn.example:8443",
      "http://127.0.0.1:9000",
    ]);
    expect(config.adScriptUrl).toBe("https://ads.example.com/tag.js?site=7");
    // A subdomain of a wildcard origin serves the script as well.
    expect(
      loadConfig(
        {},
        {
          AD_SCRIPT_ORIGINS: "https://*.adnet.example",
          AD_SCRIPT_URL: "https://static.adnet.example/a.js",
        },
      ).adScriptUrl,
    ).toBe("https://static.adnet.example/a.js");
  });

  it("stops start-up for anything but an https origin, naming the setting", () => {
    for (const origins of [
      "http://ads.example.com",
      "https://ads.example.com/path",
      "https://ads.example.com?x=1",
      "https://user:pw@ads.example.com",
      "ads.example.com",
      "https://*",
      "'unsafe-inline'",
      "https:",
      "*",
      "javascript:alert(1)",
      "http://*.localhost",
    ]) {
      expect(() => loadConfig({}, { AD_SCRIPT_ORIGINS: origins }), origins).toThrow(ConfigError);
      expect(() => loadConfig({}, { AD_SCRIPT_ORIGINS: origins }), origins).toThrow(
        /AD_SCRIPT_ORIGINS/,
      );
    }
  });

  it("stops start-up for a script that is not https or not from a listed origin", () => {
    expect(() =>
      loadConfig(
        {},
        {
          AD_SCRIPT_ORIGINS: "https://ads.example.com",
          AD_SCRIPT_URL: "http://ads.example.com/t.js",
        },
      ),
    ).toThrow(/AD_SCRIPT_URL/);
    expect(() =>
      loadConfig(
        {},
        {
          AD_SCRIPT_ORIGINS: "https://ads.example.com",
          AD_SCRIPT_URL: "https://other.example/t.js",
        },
      ),
    ).toThrow(/AD_SCRIPT_URL: its origin is not in AD_SCRIPT_ORIGINS/);
    expect(() => loadConfig({}, { AD_SCRIPT_URL: "https://ads.example.com/t.js" })).toThrow(
      /AD_SCRIPT_URL/,
    );
    expect(() =>
      loadConfig(
        {},
        {
          AD_SCRIPT_ORIGINS: "https://*.adnet.example",
          AD_SCRIPT_URL: "https://adnet.example/t.js",
        },
      ),
    ).toThrow(/AD_SCRIPT_URL/);
  });
});
