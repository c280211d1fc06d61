import { describe, expect, it } from "vitest";
import { renderBlocks } from "../../core/content/render.js";
import { makeBlog, makePost } from "../fixtures.js";
import { absoluteHtml, blogChannel, tagUri } from "./entries.js";

const BASE = "https://news.example";

describe("feed entries", () => {
  it("makes every address of an uploaded image absolute, srcset candidates included", () => {
    const body = renderBlocks([
      { type: "image", src: "/media/u/abc123/1600.jpg", alt: "Quay", caption: "At dawn" },
      { type: "paragraph", text: "See [the map](https://maps.example/x)" },
    ]);
    expect(body).toMatch(/srcset="\/media\/[^"]*, \/media\//);
    const absolute = absoluteHtml(body, BASE);
    expect(absolute).not.toMatch(/(?:^|[\s",])\/media\//);
    expect(absolute).toContain(`src="${BASE}/media/u/abc123/960.jpg"`);
    expect(absolute).toContain(`, ${BASE}/media/u/abc123/1600.jpg`);
    expect(absolute).toContain('href="https://maps.example/x"');
  });

  it("names posts and blogs by tag: URIs that a new slug or address does not change", async () => {
    const blog = makeBlog();
    const post = makePost({ publishedAt: "2026-11-25T09:00:00.000Z", title: "" });
    const channel = await blogChannel(blog, [post], { baseUrl: BASE, format: "atom" });
    const renamed = await blogChannel({ ...blog, slug: "renamed" }, [post], {
      baseUrl: BASE,
      format: "atom",
    });
    expect(channel.entries[0]?.id).toBe(`tag:news.example,2026-11-25:post/${post.id}`);
    expect(renamed.entries[0]?.id).toBe(channel.entries[0]?.id);
    expect(renamed.id).toBe(channel.id);
    expect(channel.id).toBe(tagUri(BASE, blog.createdAt, `blog/${blog.id}`));
    // An untitled post is named by its opening words.
    expect(channel.entries[0]?.title).toMatch(/^Update number \d+ with emphasis\.$/);
    expect(channel.alternates.map((a) => a.url)).toEqual([
      `${BASE}/live/storm-live/feed.rss`,
      `${BASE}/live/storm-live/feed.json`,
    ]);
  });
});
