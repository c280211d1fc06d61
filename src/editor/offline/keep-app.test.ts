// Registering the app's service worker is tried again after a failure: when the browser comes
// back online, or after a wait that doubles each time, and stops once it has succeeded.

import { describe, expect, it } from "vitest";
import { type AppHost, FIRST_RETRY_MS, keepAppOnDevice, MAX_RETRY_MS } from "./keep-app";

function fakeHost(outcomes: boolean[]) {
  const timers = new Set<{ ms: number; run: () => void }>();
  const online = new Set<() => void>();
  let attempts = 0;
  const host: AppHost = {
    register() {
      attempts++;
      return outcomes.shift()
        ? Promise.resolve("registered")
        : Promise.reject(new Error("offline"));
    },
    onceOnline(run) {
      online.add(run);
      return () => online.delete(run);
    },
    later(run, ms) {
      const timer = { ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    host,
    settle,
    attempts: () => attempts,
    waits: () => [...timers].map((timer) => timer.ms),
    listening: () => online.size,
    async fireTimer() {
      const [timer] = timers;
      timers.delete(timer as { ms: number; run: () => void });
      timer?.run();
      await settle();
    },
    async comeOnline() {
      for (const run of [...online]) {
        online.delete(run);
        run();
      }
      await settle();
    },
  };
}

describe("keeping the app on the device", () => {
  it("registers once and waits for nothing when registration succeeds", async () => {
    const browser = fakeHost([true]);
    keepAppOnDevice(browser.host);
    await browser.settle();
    expect(browser.attempts()).toBe(1);
    expect(browser.waits()).toEqual([]);
    expect(browser.listening()).toBe(0);
  });

  it("tries again after a doubling wait, up to a ceiling, until registration succeeds", async () => {
    const failures = 10;
    const browser = fakeHost([...Array.from({ length: failures }, () => false), true]);
    keepAppOnDevice(browser.host);
    await browser.settle();
    const waits: number[] = [];
    while (browser.waits().length > 0) {
      expect(browser.waits()).toHaveLength(1);
      waits.push(...browser.waits());
      await browser.fireTimer();
    }
    expect(browser.attempts()).toBe(failures + 1);
    expect(waits[0]).toBe(FIRST_RETRY_MS);
    expect(waits[1]).toBe(FIRST_RETRY_MS * 2);
    expect(Math.max(...waits)).toBe(MAX_RETRY_MS);
    expect(browser.listening()).toBe(0);
  });

  it("tries again at once when the browser comes back online, dropping the pending wait", async () => {
    const browser = fakeHost([false, true]);
    keepAppOnDevice(browser.host);
    await browser.settle();
    expect(browser.waits()).toEqual([FIRST_RETRY_MS]);
    await browser.comeOnline();
    expect(browser.attempts()).toBe(2);
    expect(browser.waits()).toEqual([]);
    expect(browser.listening()).toBe(0);
  });
});
