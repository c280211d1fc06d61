// The sign-in limiter's window over time, on a real SQLite store with the newsroom's clock
// moved forward: a locked-out email gets its chances back once its failures are 15 minutes
// old, and counts nobody has touched for the window are swept out.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import {
  forgetOldSignInAttempts,
  SignInLimiter,
} from "../../src/core/operations/sign-in-limiter.js";
import type { Newsroom } from "../../src/core/ports.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

const MINUTE_MS = 60_000;
let temp: TempStore;
let newsroom: Pick<Newsroom, "store" | "clock">;
let now: number;

beforeEach(async () => {
  temp = await tempSqliteStore("dispatch-sign-in-");
  now = Date.parse("2026-05-01T08:00:00.000Z");
  newsroom = { store: temp.store, clock: { now: () => new Date(now) } };
});

afterEach(() => temp.remove());

async function refusal(attempt: Promise<unknown>): Promise<number> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError) || error.code !== "too_many_attempts") {
    throw new Error(`expected too_many_attempts, got ${String(error)}`);
  }
  return (error.details as { retryAfter: number }).retryAfter;
}

describe("the sign-in window", () => {
  it("gives a locked-out email its chances back as its failures turn 15 minutes old", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let i = 0; i < 5; i++) {
      (await limiter.begin("desk@window.example", "192.0.2.1")).failed();
      now += MINUTE_MS;
    }
    // Failures at 0, 1, 2, 3 and 4 minutes; now is 5 minutes: the first frees a slot at 15.
    expect(await refusal(limiter.begin("desk@window.example", "192.0.2.2"))).toBe(10 * 60);
    now += 10 * MINUTE_MS - 1;
    expect(await refusal(limiter.begin("desk@window.example", "192.0.2.2"))).toBe(1);
    now += 1;
    (await limiter.begin("desk@window.example", "192.0.2.2")).failed();
    expect(await refusal(limiter.begin("desk@window.example", "192.0.2.3"))).toBe(60);
  });

  it("sweeps out the counts of emails and addresses untouched for the window", async () => {
    const limiter = new SignInLimiter(newsroom);
    (await limiter.begin("night@window.example", "192.0.2.7")).failed();
    now += 10 * MINUTE_MS;
    expect(await forgetOldSignInAttempts(newsroom)).toBe(0);
    now += 5 * MINUTE_MS + 1;
    expect(await forgetOldSignInAttempts(newsroom)).toBe(2);
    expect(await forgetOldSignInAttempts(newsroom)).toBe(0);
  });

  it("lets no node whose clock ran ahead lock anyone out, nor a clock a few seconds off count less", async () => {
    const aheadBy = (ms: number) =>
      new SignInLimiter({ ...newsroom, clock: { now: () => new Date(now + ms) } });
    const dayAhead = aheadBy(24 * 60 * MINUTE_MS);
    for (let i = 0; i < 5; i++)
      (await dayAhead.begin("dawn@window.example", `192.0.2.${i}`)).failed();
    const limiter = new SignInLimiter(newsroom);
    await (await limiter.begin("dawn@window.example", "192.0.2.9")).succeeded();

    const secondsAhead = aheadBy(20_000);
    for (let i = 0; i < 5; i++)
      (await secondsAhead.begin("dusk@window.example", `192.0.2.${i}`)).failed();
    expect(await refusal(limiter.begin("dusk@window.example", "192.0.2.9"))).toBe(15 * 60 + 20);
  });

  it("refuses guesses past the limit without writing anything", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let i = 0; i < 5; i++) (await limiter.begin("flood@window.example", "192.0.2.5")).failed();
    const before = await newsroom.store.readSignInAttempts(["email:flood@window.example"]);
    let transactions = 0;
    const store = newsroom.store;
    const counting = new SignInLimiter({
      clock: newsroom.clock,
      store: new Proxy(store, {
        get(target, property, receiver) {
          if (property === "transaction") transactions += 1;
          const value = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    });
    for (let i = 0; i < 10; i++) await refusal(counting.begin("flood@window.example", "192.0.2.6"));
    expect(transactions).toBe(0);
    expect(await store.readSignInAttempts(["email:flood@window.example"])).toEqual(before);
  });
});
