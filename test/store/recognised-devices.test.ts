// Recognised-device cookies on a real SQLite store with the newsroom's clock moved forward:
// another process on the same database recognises a cookie this one signed; a cookie names
// one user and one device; an altered one, or one past its year, is not recognised.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEVICE_LIFETIME_MS,
  RecognisedDevices,
} from "../../src/core/operations/recognised-devices.js";
import type { Newsroom } from "../../src/core/ports.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

let temp: TempStore;
let newsroom: Pick<Newsroom, "store" | "clock">;
let now: number;

beforeEach(async () => {
  temp = await tempSqliteStore("dispatch-devices-");
  now = Date.parse("2026-05-01T08:00:00.000Z");
  newsroom = { store: temp.store, clock: { now: () => new Date(now) } };
});

afterEach(() => temp.remove());

describe("recognised devices", () => {
  it("are recognised by every process on the database, for the user they name only", async () => {
    const cookie = await new RecognisedDevices(newsroom).issue("user-1");
    const elsewhere = new RecognisedDevices(newsroom);
    const device = await elsewhere.recognise(cookie, "user-1");
    expect(device).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await elsewhere.recognise(cookie, "user-2")).toBeUndefined();
    expect(await elsewhere.recognise(cookie, undefined)).toBeUndefined();
    // Signing in again from it keeps the device's id (its count stays its own).
    const renewed = await elsewhere.issue("user-1", device);
    expect(await elsewhere.recognise(renewed, "user-1")).toBe(device);
    expect(await elsewhere.issue("user-1")).not.toBe(renewed);
  });

  it("are not recognised once altered, or a year after the last sign-in", async () => {
    const devices = new RecognisedDevices(newsroom);
    const cookie = await devices.issue("user-1");
    const [payload, signature] = cookie.split(".") as [string, string];
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const renamed = Buffer.from(JSON.stringify({ ...claim, u: "user-2" })).toString("base64url");
    expect(await devices.recognise(`${renamed}.${signature}`, "user-2")).toBeUndefined();
    expect(await devices.recognise(`${payload}.${signature.slice(1)}`, "user-1")).toBeUndefined();
    expect(await devices.recognise("not a cookie", "user-1")).toBeUndefined();

    now += DEVICE_LIFETIME_MS - 1;
    expect(await devices.recognise(cookie, "user-1")).toBeDefined();
    now += 1;
    expect(await devices.recognise(cookie, "user-1")).toBeUndefined();
  });
});
