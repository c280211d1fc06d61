// Merging the desk's two streams and its list reads: newer versions win, repeats change
// nothing, and a post moving between the desk and the public timeline is never shown twice.

import { describe, expect, it } from "vitest";
import type { Post } from "../api/types";
import {
  applyDesk,
  applyPublic,
  deskPosts,
  emptyTimeline,
  publishedPosts,
  removeDesk,
  removeEverywhere,
} from "./timeline";

const post = (id: string, over: Partial<Post> = {}): Post => ({
  id,
  title: "",
  blocks: [],
  html: "",
  author: { name: "Eda" },
  pinned: false,
  keyEvent: false,
  status: "published",
  publishedAt: "2026-11-26T10:00:00Z",
  updatedAt: "2026-11-26T10:00:00Z",
  version: 1,
  ...over,
});

describe("timeline", () => {
  it("orders published posts newest first and ignores older versions", () => {
    let t = applyPublic(emptyTimeline, post("a", { publishedAt: "2026-11-26T09:00:00Z" }));
    t = applyPublic(t, post("b", { publishedAt: "2026-11-26T11:00:00Z" }));
    t = applyPublic(t, post("a", { publishedAt: "2026-11-26T09:00:00Z", version: 3, title: "v3" }));
    t = applyPublic(t, post("a", { publishedAt: "2026-11-26T09:00:00Z", version: 2, title: "v2" }));
    expect(publishedPosts(t).map((p) => `${p.id}:${p.title}`)).toEqual(["b:", "a:v3"]);
  });

  it("moves an approved submission from the queue to the timeline, whichever stream is first", () => {
    const submitted = post("s", { status: "submitted", publishedAt: null, version: 1 });
    const approved = post("s", { version: 2 });
    for (const order of [0, 1]) {
      let t = applyDesk(emptyTimeline, submitted);
      expect(deskPosts(t, "submitted")).toHaveLength(1);
      t =
        order === 0
          ? removeDesk(applyPublic(t, approved), "s")
          : applyPublic(removeDesk(t, "s"), approved);
      expect(deskPosts(t, "submitted")).toEqual([]);
      expect(publishedPosts(t).map((p) => p.version)).toEqual([2]);
    }
  });

  it("takes a post returned to draft off the public timeline", () => {
    let t = applyPublic(emptyTimeline, post("p"));
    t = applyDesk(t, post("p", { status: "draft", version: 2 }));
    expect(publishedPosts(t)).toEqual([]);
    expect(deskPosts(t, "draft").map((p) => p.id)).toEqual(["p"]);
    expect(publishedPosts(removeEverywhere(t, "p"))).toEqual([]);
    expect(deskPosts(removeEverywhere(t, "p"), "draft")).toEqual([]);
  });

  it("treats a public event for a post no longer published as its removal", () => {
    let t = applyPublic(emptyTimeline, post("x"));
    t = applyPublic(t, post("x", { status: "scheduled", version: 2 }));
    expect(publishedPosts(t)).toEqual([]);
  });
});

describe("a timeline read page by page", () => {
  const at = (minute: number) => `2026-11-26T10:${String(minute).padStart(2, "0")}:00Z`;

  it("shows posts down to the oldest one read, holding back an older one that arrived live", () => {
    let t = emptyTimeline;
    for (const [id, minute] of [
      ["c", 30],
      ["b", 20],
      ["b2", 20],
    ] as const)
      t = applyPublic(t, post(id, { publishedAt: at(minute) }));
    // An edit to an old post, not yet read, arrives on the stream.
    t = applyPublic(t, post("old", { publishedAt: at(5), version: 2 }));
    const floor = t.published.get("b");
    expect(publishedPosts(t, floor).map((p) => p.id)).toEqual(["c", "b2", "b"]);
    // Once every page is read there is no floor, and every post shows.
    expect(publishedPosts(t, null).map((p) => p.id)).toEqual(["c", "b2", "b", "old"]);
  });
});
