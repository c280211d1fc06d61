import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    // Most files wait on servers, sockets and Chromium rather than compute: two at a time
    // finish the suite sooner than one on a 2-core machine, and every timeout allows for it.
    maxWorkers: 2,
    // Files in one worker share its loaded modules instead of importing the whole server
    // afresh for each (about 300 s of the two workers' time in a full run). Nothing here keeps
    // state between files: no module mocks, no globals; each file builds its own servers.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Live updates cross processes and sockets; on a busy 2-core machine give them time.
    expect: { poll: { timeout: 5000, interval: 50 } },
    reporters: ["default"],
  },
});
