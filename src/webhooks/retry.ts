// When a failed delivery is tried again: steps of about 5 s, 30 s, 2 min, 10 min, 30 min, 1 h,
// then every 2 h (scaled by the configured first step), each drawn at random below the step
// (full jitter, never under a tenth of it) so endpoints coming back are not hit in waves;
// given up 24 h after the series' first attempt.

/** Each step as a multiple of the first. */
const STEPS = [1, 6, 24, 120, 360, 720, 1440] as const;

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The wait after the `failures`-th failed attempt in a row (1 for the first). */
export function retryDelayMs(failures: number, baseMs: number, random = Math.random): number {
  const step = STEPS[Math.min(Math.max(failures, 1), STEPS.length) - 1] ?? 1;
  const ceiling = baseMs * step;
  return Math.round(ceiling * (0.1 + 0.9 * random()));
}
