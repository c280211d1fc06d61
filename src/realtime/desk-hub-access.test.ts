// The desk hub ends a desk stream once the credentials behind it no longer stand: checked
// again on a `user-changed` broadcast, and every `recheckMs` as a backstop for a broadcast
// that never came or a session that simply ran out. Real HTTP connections, real broadcaster.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../core/user.js";
import { DeskHub } from "./desk-hub.js";
import { InProcessBroadcaster } from "./in-process-broadcaster.js";

const eda: Actor = { id: "u-eda", name: "Eda", role: "editor" };
const rui: Actor = { id: "u-rui", name: "Rui", role: "reporter" };

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A hub behind a real server; `now` says who each user's credentials name at this moment. */
async function deskServer(recheckMs: number) {
  const broadcaster = new InProcessBroadcaster();
  const hub = new DeskHub({
    broadcaster,
    encode: (event) => ({ event: event.kind, data: JSON.stringify(event) }),
    recheckMs,
  });
  const now = new Map<string, Actor | null>([
    [eda.id, eda],
    [rui.id, rui],
  ]);
  const server = http.createServer((req, res) => {
    const actor = req.url === "/eda" ? eda : rui;
    hub.attach("blog-1", actor, res, async () => now.get(actor.id) ?? null);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const open = (who: "eda" | "rui") =>
    new Promise<{ ended: Promise<void>; isOpen: () => boolean }>((resolve, reject) => {
      const request = http.get(`http://127.0.0.1:${port}/${who}`, { agent: false });
      request.on("error", reject);
      request.on("response", (response) => {
        let isOpen = true;
        const ended = new Promise<void>((done) => response.on("close", done)).then(() => {
          isOpen = false;
        });
        response.resume();
        resolve({ ended, isOpen: () => isOpen });
      });
    });
  cleanup = async () => {
    hub.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { hub, broadcaster, now, open };
}

const within = (ms: number, ended: Promise<void>) =>
  Promise.race([
    ended,
    new Promise((_, fail) => setTimeout(() => fail(new Error(`still open after ${ms} ms`)), ms)),
  ]);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("desk streams and the access behind them", () => {
  it("close on a user-changed broadcast once that user's credentials are gone", async () => {
    const desk = await deskServer(60_000);
    const edaStream = await desk.open("eda");
    const ruiStream = await desk.open("rui");
    desk.now.set(rui.id, null);
    await desk.broadcaster.publishDesk({ kind: "user-changed", userId: rui.id });
    await within(1000, ruiStream.ended);
    await pause(100);
    expect(edaStream.isOpen()).toBe(true);
  });

  it("stay open on a user-changed broadcast when the credentials still stand", async () => {
    const desk = await deskServer(60_000);
    const edaStream = await desk.open("eda");
    await desk.broadcaster.publishDesk({ kind: "user-changed", userId: eda.id });
    await pause(200);
    expect(edaStream.isOpen()).toBe(true);
    // A new role is a reason to reconnect: the client comes back with what it now may see.
    desk.now.set(eda.id, { ...eda, role: "reporter" });
    await desk.broadcaster.publishDesk({ kind: "user-changed", userId: eda.id });
    await within(1000, edaStream.ended);
  });

  it("close at the next periodic check when no broadcast came", async () => {
    const desk = await deskServer(100);
    const ruiStream = await desk.open("rui");
    await pause(300);
    expect(ruiStream.isOpen()).toBe(true);
    desk.now.set(rui.id, null);
    await within(1000, ruiStream.ended);
  });
});
