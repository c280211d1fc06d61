import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("WEBHOOK_RETRY_BASE_MS", () => {
  it("waits 5 s before the first retry unless told", () => {
    expect(loadConfig({}, {}).webhookRetryBaseMs).toBe(5000);
    expect(loadConfig({}, { WEBHOOK_RETRY_BASE_MS: "250" }).webhookRetryBaseMs).toBe(250);
  });

  it("stops start-up for a wait that is not a whole number of milliseconds, naming the setting", () => {
    for (const value of ["soon", "1.5", "0", "-100"]) {
      const load = () => loadConfig({}, { WEBHOOK_RETRY_BASE_MS: value });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/WEBHOOK_RETRY_BASE_MS/);
    }
  });
});
