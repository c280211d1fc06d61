// The sign-in limiter over time, on a real SQLite store with the newsroom's clock moved
// forward: delays that double with each failure past the limit up to 5 minutes, failures
// forgotten after 15 minutes without one, the ceilings strangers build sparing a recognised
// device, one notice per email per window, and counts nobody has touched swept out.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import {
  forgetOldSignInAttempts,
  SignInLimiter,
  type SignInSource,
  type Throttling,
} from "../../src/core/operations/sign-in-limiter.js";
import type { Newsroom } from "../../src/core/ports.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

const SECOND_MS = 1000;
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

const from = (address: string) => ({ address });

/** One wrong password: the attempt begins, then fails; returns what admins are told. */
async function fail(limiter: SignInLimiter, email: string, source: SignInSource) {
  return (await limiter.begin(email, source)).failed();
}

describe("the sign-in limiter over time", () => {
  it("doubles a pair's wait with each failure past 5, up to 5 minutes", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let i = 0; i < 5; i++) await fail(limiter, "desk@window.example", from("192.0.2.1"));
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      const wait = await refusal(limiter.begin("desk@window.example", from("192.0.2.1")));
      waits.push(wait);
      now += wait * SECOND_MS - 1;
      expect(await refusal(limiter.begin("desk@window.example", from("192.0.2.1")))).toBe(1);
      now += 1;
      await fail(limiter, "desk@window.example", from("192.0.2.1"));
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it("forgets a pair's failures after 15 minutes without one", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let i = 0; i < 8; i++) {
      await fail(limiter, "night@window.example", from("192.0.2.2"));
      now += 5 * MINUTE_MS;
    }
    // Failures every 5 minutes never leave a quiet 15: the wait kept growing, now 8 s.
    now -= 5 * MINUTE_MS;
    expect(await refusal(limiter.begin("night@window.example", from("192.0.2.2")))).toBe(8);
    now += 15 * MINUTE_MS;
    for (let i = 1; i <= 5; i++) {
      await fail(limiter, "night@window.example", from("192.0.2.2"));
    }
    expect(await refusal(limiter.begin("night@window.example", from("192.0.2.2")))).toBe(1);
  });

  it("slows unrecognised devices past 20 failures for an email, never its recognised device", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let a = 1; a <= 4; a++) {
      for (let i = 0; i < 5; i++)
        await fail(limiter, "owner@window.example", from(`198.51.100.${a}`));
    }
    expect(await refusal(limiter.begin("owner@window.example", from("198.51.100.9")))).toBe(1);
    const usual = { address: "198.51.100.1", device: "usual-laptop" };
    await (await limiter.begin("owner@window.example", usual)).succeeded();
    // Its own typos still count: 5, then it waits like any pair.
    for (let i = 0; i < 5; i++) await fail(limiter, "owner@window.example", usual);
    expect(await refusal(limiter.begin("owner@window.example", usual))).toBe(1);
    // Nor does its success clear the ceiling the strangers built.
    expect(await refusal(limiter.begin("owner@window.example", from("198.51.100.9")))).toBe(1);
  });

  it("tells admins once per email per window, however many pairs reach the limit", async () => {
    const limiter = new SignInLimiter(newsroom);
    const failFive = async (address: string) => {
      const told: Throttling[] = [];
      for (let i = 0; i < 5; i++)
        told.push(...(await fail(limiter, "told@window.example", from(address))));
      return told;
    };
    expect(await failFive("192.0.2.10")).toEqual([
      { scope: "pair", email: "told@window.example", address: "192.0.2.10", count: 5 },
    ]);
    expect(await failFive("192.0.2.11")).toEqual([]);
    now += 15 * MINUTE_MS;
    expect(await failFive("192.0.2.12")).toHaveLength(1);
  });

  it("sweeps out the counts untouched for the window", async () => {
    const limiter = new SignInLimiter(newsroom);
    await fail(limiter, "night@window.example", from("192.0.2.7"));
    now += 10 * MINUTE_MS;
    expect(await forgetOldSignInAttempts(newsroom)).toBe(0);
    now += 5 * MINUTE_MS + 1;
    // The pair, the email and the address.
    expect(await forgetOldSignInAttempts(newsroom)).toBe(3);
    expect(await forgetOldSignInAttempts(newsroom)).toBe(0);
  });

  it("lets no node whose clock ran ahead hold anyone back, nor a clock a few seconds off count less", async () => {
    const aheadBy = (ms: number) =>
      new SignInLimiter({ ...newsroom, clock: { now: () => new Date(now + ms) } });
    const dayAhead = aheadBy(24 * 60 * MINUTE_MS);
    for (let i = 0; i < 5; i++) await fail(dayAhead, "dawn@window.example", from("192.0.2.1"));
    const limiter = new SignInLimiter(newsroom);
    await (await limiter.begin("dawn@window.example", from("192.0.2.1"))).succeeded();

    const secondsAhead = aheadBy(20_000);
    for (let i = 0; i < 5; i++) await fail(secondsAhead, "dusk@window.example", from("192.0.2.1"));
    expect(await refusal(limiter.begin("dusk@window.example", from("192.0.2.1")))).toBe(21);
  });

  it("refuses guesses that must wait without writing anything", async () => {
    const limiter = new SignInLimiter(newsroom);
    for (let i = 0; i < 5; i++) await fail(limiter, "flood@window.example", from("192.0.2.5"));
    const keys = ["pair:flood@window.example 192.0.2.5", "email:flood@window.example"];
    const before = await newsroom.store.readSignInAttempts(keys);
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
    for (let i = 0; i < 10; i++)
      await refusal(counting.begin("flood@window.example", from("192.0.2.5")));
    expect(transactions).toBe(0);
    expect(await store.readSignInAttempts(keys)).toEqual(before);
  });
});
