import { describe, expect, it } from "vitest";
import { makeBlog, makePost } from "./fixtures.js";
import { blogPosting, liveBlogPosting, serializeJsonLd } from "./jsonld.js";

const baseUrl = "https://live.example.com";

function roundTrip(value: unknown): Record<string, unknown> {
  return JSON.parse(serializeJsonLd(value)) as Record<string, unknown>;
}

describe("LiveBlogPosting", () => {
  const posts = [
    makePost({ publishedAt: "2026-11-25T10:00:00.000Z", updatedAt: "2026-11-25T12:00:00.000Z" }),
    makePost({
      publishedAt: "2026-11-25T09:00:00.000Z",
      title: "",
      blocks: [
        { type: "paragraph", text: "Roads **closed** near [the river](https://example.com)." },
        { type: "image", src: "/media/flood.jpg", alt: "Flooded road" },
      ],
    }),
  ];

  it("describes the blog with one BlogPosting update per post on the page", () => {
    const data = roundTrip(liveBlogPosting(makeBlog(), posts, { baseUrl }));
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("LiveBlogPosting");
    expect(data.headline).toBe("Storm Ada: live updates");
    expect(data.description).toBe("Gales and flooding across the north.");
    expect(data.url).toBe("https://live.example.com/live/storm-live");
    expect(data.coverageStartTime).toBe("2026-11-25T08:00:00.000Z");
    expect(data.dateModified).toBe("2026-11-25T12:00:00.000Z");
    const updates = data.liveBlogUpdate as Record<string, unknown>[];
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({
      "@type": "BlogPosting",
      headline: posts[0]?.title,
      datePublished: "2026-11-25T10:00:00.000Z",
      dateModified: "2026-11-25T12:00:00.000Z",
      url: `https://live.example.com/live/storm-live/posts/${posts[0]?.id}`,
    });
    expect(updates[1]).toMatchObject({
      headline: "Roads closed near the river.",
      articleBody: "Roads closed near the river.",
      image: "https://live.example.com/media/flood.jpg",
    });
  });

  it("gives coverageEndTime only once the blog has closed", () => {
    expect(liveBlogPosting(makeBlog(), posts, { baseUrl })).not.toHaveProperty("coverageEndTime");
    const closed = makeBlog({ status: "closed", closedAt: "2026-11-26T17:00:00.000Z" });
    expect(liveBlogPosting(closed, posts, { baseUrl }).coverageEndTime).toBe(
      "2026-11-26T17:00:00.000Z",
    );
  });

  it("gives the hero as an absolute image URL", () => {
    const blog = makeBlog({ hero: { src: "/media/hero.jpg", alt: "Waves" } });
    expect(liveBlogPosting(blog, [], { baseUrl }).image).toBe(
      "https://live.example.com/media/hero.jpg",
    );
  });

  it("links a permalink's BlogPosting to its live blog", () => {
    const post = posts[0]!;
    const data = blogPosting(makeBlog(), post, { baseUrl, partOf: true });
    expect(data["@context"]).toBe("https://schema.org");
    expect(data.isPartOf).toEqual({
      "@type": "LiveBlogPosting",
      headline: "Storm Ada: live updates",
      url: "https://live.example.com/live/storm-live",
    });
  });
});

describe("serializeJsonLd", () => {
  it("cannot be broken out of by </script> in content, and still parses to the same value", () => {
    const title = "</script><script>alert(1)</script> & <!-- \u2028 \u2029";
    const blog = makeBlog({ title });
    const text = serializeJsonLd(liveBlogPosting(blog, [], { baseUrl }));
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain("\\u003c/script\\u003e");
    expect((JSON.parse(text) as { headline: string }).headline).toBe(title);
  });
});
