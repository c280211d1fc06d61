import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { type HubFixture, range, startHub } from "./testing/hub-fixture.js";
import { eventually } from "./testing/live-server.js";

let fixture: HubFixture;
afterEach(async () => {
  await fixture.stop();
});

const BULKY = "x".repeat(64 * 1024);

describe("LiveHub and readers who stop reading", () => {
  it("cuts off a stalled reader without holding back the others", async () => {
    fixture = await startHub({ maxBufferedBytes: 256 * 1024 });
    const stalled = await fixture.connect("blog-1");
    const healthy = await fixture.connect("blog-1");
    await fixture.server.waitForAttached(2);
    stalled.pause();

    // 12.5 MiB: far more than the loopback socket buffers can absorb.
    for (let i = 1; i <= 200; i++) {
      await fixture.commit("blog-1", `${BULKY}-${i}`);
      await nextTurn();
    }
    await eventually(() => fixture.hub.readerCount("blog-1") === 1, "the stalled reader to go");
    const serverSockets = [...fixture.server.sockets];
    expect(serverSockets.filter((socket) => socket.destroyed)).toHaveLength(1);
    // Nothing stays queued for the reader that was cut off.
    expect(serverSockets.reduce((bytes, socket) => bytes + socket.writableLength, 0)).toBeLessThan(
      256 * 1024,
    );

    await healthy.waitForEvents(200, 15_000);
    expect(healthy.ids()).toEqual(range(1, 200));
    stalled.resume();
    await stalled.waitForEnd();
    expect(stalled.events.length).toBeLessThan(200);
  });

  it("cuts off a reader stalled in its replay once held-back live events pass the budget", async () => {
    fixture = await startHub({ maxBufferedBytes: 256 * 1024, pageSize: 20 });
    for (let i = 1; i <= 100; i++) fixture.log.append("blog-1", `${BULKY}-${i}`);
    const stalled = await fixture.connect("blog-1", { lastEventId: 0 });
    stalled.pause();
    await eventually(() => fixture.hub.readerCount("blog-1") === 1, "the reader to join");

    for (let i = 0; i < 100 && fixture.hub.readerCount("blog-1") > 0; i++) {
      await fixture.commit("blog-1", `${BULKY}-live`);
      await nextTurn();
    }
    await eventually(() => fixture.hub.totalReaders() === 0, "the stalled reader to go");
    await fixture.server.waitForAttached(1);
  });
});
