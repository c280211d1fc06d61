// Post JSON keeps `author: {name}` beside the bylines, also for a post kept in the change log
// before bylines existed (replays present those bodies as they were stored).

import { describe, expect, it } from "vitest";
import type { Post } from "../../core/post.js";
import { makePost } from "../../reader/fixtures.js";
import { presentChange } from "./events.js";
import { presentPost } from "./posts.js";

describe("presentPost", () => {
  it("names the first byline as the author", () => {
    const post = makePost({
      publishedAt: "2026-11-25T10:00:00.000Z",
      bylines: [
        { name: "Reuters", kind: "organization" },
        { name: "Ana Reporter", userId: "u1" },
      ],
    });
    const json = presentPost(post);
    expect(json.author).toEqual({ name: "Reuters" });
    expect(json.bylines).toEqual(post.bylines);
  });

  it("presents a change-log body from before bylines with its author as the byline", () => {
    const { bylines: _none, ...stored } = makePost({ publishedAt: "2026-11-25T10:00:00.000Z" });
    const change = {
      kind: "post" as const,
      post: stored as Post,
      blogId: "blog1",
      seq: 1,
      at: "2026-11-25T10:00:00.000Z",
    };
    const data = JSON.parse(presentChange(change).data);
    expect(data.author).toEqual({ name: "Ana Reporter" });
    expect(data.bylines).toEqual([{ name: "Ana Reporter", userId: "u1" }]);
  });
});
