import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("METRICS_TOKEN", () => {
  it("is off by default", () => {
    expect(loadConfig({}, {}).metricsToken).toBeUndefined();
    expect(loadConfig({}, { METRICS_TOKEN: "" }).metricsToken).toBeUndefined();
  });

  it("takes a long enough token", () => {
    const token = "0123456789abcdef0123";
    expect(loadConfig({}, { METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it("stops start-up for a short token, naming the setting but never the token", () => {
    const load = () => loadConfig({}, { METRICS_TOKEN: "short-secret" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/METRICS_TOKEN/);
    expect(load).not.toThrow(/short-secret/);
  });

  it("refuses spaces, which a Bearer header could not carry", () => {
    expect(() => loadConfig({}, { METRICS_TOKEN: "0123456789 abcdef0123" })).toThrow(
      /METRICS_TOKEN: use printable ASCII/,
    );
  });
});

describe("METRICS_PORT and METRICS_HOST", () => {
  it("listens on HOST unless METRICS_HOST says otherwise", () => {
    expect(loadConfig({ host: "0.0.0.0" }, { METRICS_PORT: "9464" })).toMatchObject({
      metricsPort: 9464,
      metricsHost: "0.0.0.0",
    });
    expect(loadConfig({}, { METRICS_PORT: "9464", METRICS_HOST: "10.0.0.5" }).metricsHost).toBe(
      "10.0.0.5",
    );
    expect(loadConfig({}, {}).metricsPort).toBeUndefined();
  });

  it("stops start-up for a port that is not one", () => {
    expect(() => loadConfig({}, { METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({}, { METRICS_PORT: "metrics" })).toThrow(/METRICS_PORT/);
  });
});
