import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DiskMediaStore } from "./disk-media-store.js";
import { GateFull } from "./gate.js";
import { ImageUploads, ProcessingGate } from "./uploads.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("ProcessingGate", () => {
  it("runs at most its limit at once, in arrival order, and survives failures", async () => {
    const gate = new ProcessingGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (n: number) =>
      gate.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        if (n === 1) throw new Error("damaged image");
        return n;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(work));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => r.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    // The slots all came back: a new piece of work starts at once.
    expect(await gate.run(async () => "free")).toBe("free");
  });
});

describe("ProcessingGate bounds", () => {
  it("lets one owner hold at most perOwner places and everyone at most total", () => {
    const gate = new ProcessingGate({ concurrency: 1, perOwner: 2, total: 3 });
    const a1 = gate.enter("a");
    gate.enter("a");
    expect(() => gate.enter("a")).toThrow(GateFull);
    expect(() => gate.enter("a")).toThrow(expect.objectContaining({ scope: "owner" }));
    gate.enter("b");
    expect(() => gate.enter("c")).toThrow(expect.objectContaining({ scope: "total" }));
    // Leaving (twice is harmless) frees the place for its owner and for everyone.
    a1.leave();
    a1.leave();
    expect(gate.inHand).toBe(2);
    gate.enter("a");
    expect(() => gate.enter("c")).toThrow(expect.objectContaining({ scope: "total" }));
  });
});

describe("ImageUploads", () => {
  it("refuses an import beyond a user's bound (429) or everyone's (503), with a Retry-After", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dispatch-uploads-"));
    try {
      const uploads = new ImageUploads(new DiskMediaStore(root), { perUser: 2, total: 3 });
      const photo = await sharp({
        create: { width: 40, height: 30, channels: 3, background: "#123456" },
      })
        .png()
        .toBuffer();
      // Two uploads of one reporter still receiving their bytes hold their places.
      const receiving = [uploads.admit("reporter"), uploads.admit("reporter")];
      const busy = await uploads.upload("reporter", photo).catch((e: unknown) => e);
      expect(busy).toMatchObject({ code: "too_many_uploads" });
      expect((busy as { details: { retryAfter: number } }).details.retryAfter).toBeGreaterThan(0);
      // A colleague is not held up by them, until everyone's bound is reached.
      const theirs = uploads.admit("colleague");
      const full = await uploads.upload("editor", photo).catch((e: unknown) => e);
      expect(full).toMatchObject({ code: "server_busy" });
      theirs.leave();
      expect((await uploads.upload("editor", photo)).width).toBe(40);
      for (const place of receiving) place.leave();
      expect((await uploads.upload("reporter", photo)).width).toBe(40);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
