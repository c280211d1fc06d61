// The Clock port: the core never reads the system time directly, so tests can move time.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
