// The page cache's own rules, on a store and broadcaster reduced to what it reads: pages are
// filed per blog, under the sequence they were rendered at.

import { describe, expect, it } from "vitest";
import type { Blog } from "../core/blog.js";
import type { Change } from "../core/change.js";
import type { Newsroom } from "../core/ports.js";
import { makeBlog } from "./fixtures.js";
import { PageCache } from "./page-cache.js";

const AT = "2026-11-26T10:00:00.000Z";

function setup(blogs: { blog: Blog; seq: number }[]) {
  let deliver: (change: Change) => void = () => {};
  const newsroom = {
    broadcaster: {
      subscribe(listener: (change: Change) => void) {
        deliver = listener;
        return () => {};
      },
    },
    store: {
      async findBlogAt(slug: string) {
        const found = blogs.find((b) => b.blog.slug === slug);
        return found && { blog: found.blog, seq: found.seq, at: AT };
      },
    },
  } as unknown as Newsroom;
  return { cache: new PageCache(newsroom), change: (change: Change) => deliver(change) };
}

describe("the page cache", () => {
  it("files a page under the sequence it was rendered at, though a change came meanwhile", async () => {
    const blog = makeBlog();
    const { cache, change } = setup([{ blog, seq: 5 }]);
    const state = await cache.blog(blog.slug);
    const page = await cache.page("live", state!, async () => {
      change({ kind: "delete", postId: "p1", blogId: blog.id, seq: 6, at: AT });
      return "<p>the page as it was at 5</p>";
    });
    expect(page.seq).toBe(5);
    expect(page.etag).toContain(`${blog.id}-5`);
    // The cache knows the blog moved on: the page is not answered as current.
    expect(cache.peek(blog.slug, "live")).toBeUndefined();
  });

  it("keeps each blog's pages apart, also at the same sequence", async () => {
    const north = makeBlog({ id: "north", slug: "north" });
    const south = makeBlog({ id: "south", slug: "south" });
    const { cache } = setup([
      { blog: north, seq: 3 },
      { blog: south, seq: 3 },
    ]);
    for (const blog of [north, south]) {
      const state = await cache.blog(blog.slug);
      await cache.page("live", state!, async () => `<p>${blog.slug}</p>`);
    }
    expect(cache.peek("north", "live")?.body.toString()).toBe("<p>north</p>");
    expect(cache.peek("south", "live")?.body.toString()).toBe("<p>south</p>");
  });

  it("gives each page of a blog (and each origin) its own ETag", async () => {
    const blog = makeBlog();
    const { cache } = setup([{ blog, seq: 7 }]);
    const state = await cache.blog(blog.slug);
    const tags = new Set<string>();
    for (const name of [
      "live||https://a.example",
      "live||https://b.example",
      "live|c1|https://a.example",
    ]) {
      tags.add((await cache.page(name, state!, async () => `<p>${name}</p>`)).etag);
    }
    expect(tags.size).toBe(3);
  });
});
