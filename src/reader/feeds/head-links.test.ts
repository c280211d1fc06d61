import { describe, expect, it } from "vitest";
import { makeBlog, makePost } from "../fixtures.js";
import { type PageContext, renderLivePage, renderPostPage } from "../page.js";

const context: PageContext = {
  baseUrl: "https://live.example.com",
  assets: { style: "/assets/live.css", script: "/assets/live.js" },
};
const blog = makeBlog({ title: 'Storm "Ada" <live>' });
const post = makePost({ publishedAt: "2026-11-25T09:00:00.000Z", title: "Sea wall" });
const alternates = (page: string) => page.match(/<link rel="alternate" [^>]*>/g) ?? [];

describe("the distribution links in a reader page's head", () => {
  it("names the blog's three feeds and its oEmbed address, escaped", () => {
    const page = renderLivePage({
      blog,
      coverage: { posts: [post], pinned: undefined, keyEvents: [], lastSeq: 1 },
      ...context,
    });
    const links = alternates(page);
    expect(links).toHaveLength(4);
    expect(links[0]).toBe(
      '<link rel="alternate" type="application/atom+xml" title="Storm &quot;Ada&quot; &lt;live&gt; (Atom)" href="https://live.example.com/live/storm-live/feed.atom">',
    );
    expect(links[3]).toContain(
      'href="https://live.example.com/oembed?url=https%3A%2F%2Flive.example.com%2Flive%2Fstorm-live&amp;format=json"',
    );
  });

  it("points a permalink's oEmbed link at the post, and leaves a newsroom preview bare", () => {
    const page = renderPostPage(blog, post, context);
    expect(alternates(page).at(-1)).toContain(
      `url=${encodeURIComponent(`https://live.example.com/live/storm-live/posts/${post.id}`)}&amp;`,
    );
    expect(alternates(renderPostPage(blog, post, context, { preview: true }))).toEqual([]);
  });
});
