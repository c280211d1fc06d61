// The purge hook on a real HTTP receiver: a change purges its paths and its blog's tag, also
// when the broadcast to other nodes failed (the change is committed either way).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Broadcaster } from "../core/ports.js";
import { makeBlog } from "../reader/fixtures.js";
import { blogCacheTag } from "./headers.js";
import { PurgingBroadcaster, purgePaths } from "./purge.js";
import { type PurgeReceiver, startPurgeReceiver } from "./testing/purge-receiver.js";

let receiver: PurgeReceiver;

beforeAll(async () => {
  receiver = await startPurgeReceiver();
});
afterAll(() => receiver.close());

describe("the purge hook", () => {
  it("purges a change's paths and its blog's tag even when the broadcast failed", async () => {
    const blog = makeBlog({ id: "b1", slug: "ferry" });
    const failing = {
      publish: () => Promise.reject(new Error("Redis is down")),
      subscribe: () => () => {},
      publishDesk: async () => {},
      subscribeDesk: () => () => {},
      close: async () => {},
    } as Broadcaster;
    const purging = new PurgingBroadcaster(failing, {
      url: receiver.url,
      store: { findBlogById: async () => blog },
      batchMs: 5,
    });
    const change = { kind: "delete" as const, postId: "p9", blogId: blog.id, seq: 4, at: "" };
    await expect(purging.publish(change)).rejects.toThrow("Redis is down");
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(receiver.received[0]?.tags).toEqual([blogCacheTag(blog.id)]);
    expect(receiver.received[0]?.paths).toEqual(
      expect.arrayContaining([
        "/live/ferry",
        "/live/ferry/embed",
        "/live/ferry/lite",
        "/live/ferry/posts/p9",
        "/api/blogs/ferry/posts/p9",
        // A deleted post's share card goes with it.
        "/live/ferry/posts/p9/card.png",
        "/live/ferry/amp",
        "/sitemap.xml",
        "/news-sitemap.xml",
      ]),
    );
    await purging.close();
  });

  it("names the images a takedown removed, every variant, with the post's paths", () => {
    const media = ["/media/u/abc/480.webp", "/media/u/abc/480.jpg", "/media/u/abc/1600.jpg"];
    const change = { kind: "delete" as const, postId: "p9", media, blogId: "b1", seq: 6, at: "" };
    expect(purgePaths("ferry", change)).toEqual(
      expect.arrayContaining(["/live/ferry/posts/p9", ...media]),
    );
    const plain = { kind: "delete" as const, postId: "p9", blogId: "b1", seq: 7, at: "" };
    expect(purgePaths("ferry", plain).some((path) => path.startsWith("/media/"))).toBe(false);
  });

  it("names the readers' figures page with a change of the box", () => {
    const change = { kind: "figures" as const, figures: [], blogId: "b1", seq: 5, at: "" };
    expect(purgePaths("ferry", change)).toEqual(
      expect.arrayContaining(["/live/ferry", "/live/ferry/figures", "/api/blogs/ferry/figures"]),
    );
  });
});
