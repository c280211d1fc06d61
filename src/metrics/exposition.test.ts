import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { escapeLabelValue, Histogram, renderExposition } from "./exposition.js";

describe("the Prometheus text exposition", () => {
  it("escapes label values so an independent parser reads them back exactly", () => {
    const awkward = ['live\\blog "election"\nnight', "plain-slug-2026", 'back\\"slash'];
    const text = renderExposition([
      {
        name: "dispatch_live_readers",
        help: "Readers per blog.\nWith a second line and a \\ backslash.",
        type: "gauge",
        samples: awkward.map((blog, i) => ({ labels: { blog }, value: i + 1 })),
      },
    ]);
    expect(text).toContain(String.raw`{blog="live\\blog \"election\"\nnight"} 1`);
    const [family] = parsePrometheusTextFormat(text);
    expect(family?.type).toBe("GAUGE");
    expect(family?.help).toBe("Readers per blog.\nWith a second line and a \\ backslash.");
    expect(family?.metrics.map((m) => [m.labels?.blog, m.value])).toEqual([
      [awkward[0], "1"],
      [awkward[1], "2"],
      [awkward[2], "3"],
    ]);
  });

  it("leaves other characters alone", () => {
    expect(escapeLabelValue("café/ünïcode {x}")).toBe("café/ünïcode {x}");
  });

  it("writes histograms as cumulative buckets with sum and count", () => {
    const lag = new Histogram([0.01, 0.1, 1]);
    for (const seconds of [0.005, 0.05, 0.05, 0.5, 3]) lag.observe(seconds);
    const text = renderExposition([
      { name: "dispatch_event_lag_seconds", help: "Lag.", type: "histogram", histogram: lag },
      { name: "dispatch_resets_total", help: "Resets.", type: "counter", samples: [{ value: 0 }] },
    ]);
    const [histogram, counter] = parsePrometheusTextFormat(text);
    expect(histogram?.type).toBe("HISTOGRAM");
    expect(histogram?.metrics[0]?.buckets).toEqual({
      "0.01": "1",
      "0.1": "3",
      "1": "4",
      "+Inf": "5",
    });
    expect(histogram?.metrics[0]?.count).toBe("5");
    expect(Number(histogram?.metrics[0]?.sum)).toBeCloseTo(3.605);
    expect(counter).toMatchObject({ type: "COUNTER", metrics: [{ value: "0" }] });
    expect(text.endsWith("\n")).toBe(true);
  });

  it("refuses bounds that do not increase", () => {
    expect(() => new Histogram([1, 0.5])).toThrow(RangeError);
  });
});
