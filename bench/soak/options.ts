// The soak's settings: `npm run bench:soak -- --duration 300 --readers 10000 --churn 500`.
// Defaults are the issue's: 10,000 readers, a post a second for five minutes, 500 readers a
// second leaving and as many arriving.

import { parseArgs } from "node:util";

export interface SoakOptions {
  /** Seconds of publishing. */
  duration: number;
  /** Readers kept connected throughout. */
  readers: number;
  /** Readers a second who leave, each replaced at once by a newcomer. */
  churn: number;
  /** Posts a second. */
  rate: number;
  /** Readers per child process (each process stays well under its open-file limit). */
  perProcess: number;
  /** Seconds per row of the table (memory and lag are reported per window). */
  window: number;
}

const DEFAULTS: SoakOptions = {
  duration: 300,
  readers: 10_000,
  churn: 500,
  rate: 1,
  perProcess: 2500,
  window: 60,
};

export function soakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      readers: { type: "string" },
      churn: { type: "string" },
      rate: { type: "string" },
      "per-process": { type: "string" },
      window: { type: "string" },
    },
  });
  const number = (name: string, raw: string | undefined, fallback: number, max: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      throw new Error(`--${name} must be a number above 0 and at most ${max}, got ${raw}`);
    }
    return value;
  };
  const options: SoakOptions = {
    duration: number("duration", values.duration, DEFAULTS.duration, 3600),
    readers: Math.round(number("readers", values.readers, DEFAULTS.readers, 40_000)),
    churn: number("churn", values.churn, DEFAULTS.churn, 5000),
    rate: number("rate", values.rate, DEFAULTS.rate, 50),
    perProcess: Math.round(
      number("per-process", values["per-process"], DEFAULTS.perProcess, 15_000),
    ),
    window: number("window", values.window, DEFAULTS.window, 600),
  };
  // Short runs still get several rows.
  if (values.window === undefined) options.window = Math.min(60, Math.max(5, options.duration / 4));
  return options;
}
