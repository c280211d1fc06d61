import { describe, expect, it } from "vitest";
import { parseSourceAddress, SourcePost, sourceTitle, syndicatedContent } from "./syndication.js";

const notOwn = () => false;

describe("parseSourceAddress", () => {
  it("reads a reader URL or an API address, and names the reader URL", () => {
    for (const raw of [
      "https://news.example.com/live/storm-night",
      "https://news.example.com/live/storm-night/",
      " https://news.example.com/api/blogs/storm-night ",
    ]) {
      expect(parseSourceAddress(raw)).toEqual({
        origin: "https://news.example.com",
        slug: "storm-night",
        url: "https://news.example.com/live/storm-night",
      });
    }
  });

  it("refuses what is not a blog's address, naming the field", () => {
    for (const raw of [
      "news.example.com/live/x",
      "ftp://news.example.com/live/x",
      "https://user:pw@news.example.com/live/x",
      "https://news.example.com/",
      "https://news.example.com/live/x/posts/1",
      "https://news.example.com/live/Not_A_Slug",
      "javascript:alert(1)//live/x",
    ]) {
      expect(() => parseSourceAddress(raw), raw).toThrow(
        expect.objectContaining({ code: "validation_failed", field: "source" }),
      );
    }
  });
});

describe("syndicatedContent", () => {
  const https = parseSourceAddress("https://wire.example.com/live/storm");
  const http = parseSourceAddress("http://10.0.0.5:8080/live/storm");

  it("makes the source's media absolute and keeps what the newsroom would accept", () => {
    const content = syndicatedContent(
      https,
      "Storm wire",
      {
        id: "p1",
        title: "Landfall",
        keyEvent: true,
        author: { name: "Ana" },
        blocks: [
          { type: "paragraph", text: "Winds at **200** km/h" },
          { type: "image", src: "/media/u/abc/960.webp", alt: "Waves" },
          { type: "image", src: "/media/../api/blogs/x/events", alt: "Sneaky" },
          { type: "script", text: "alert(1)" },
          { type: "paragraph", text: "[bad](javascript:alert(1))" },
        ],
      },
      notOwn,
    );
    expect(content.blocks).toEqual([
      { type: "paragraph", text: "Winds at **200** km/h" },
      { type: "image", src: "https://wire.example.com/media/u/abc/960.webp", alt: "Waves" },
    ]);
    expect(content).toMatchObject({
      title: "Landfall",
      keyEvent: true,
      authorName: "Ana",
      origin: {
        url: "https://wire.example.com/live/storm/posts/p1",
        blog: "Storm wire",
        host: "wire.example.com",
      },
    });
  });

  it("leaves out images no reader page could show: http sources' and this site's own", () => {
    const post = {
      id: "p2",
      blocks: [
        { type: "image", src: "/media/u/abc/960.webp", alt: "Plain http" },
        { type: "image", src: "https://dispatch.example.com/api/blogs/x/events", alt: "Ours" },
      ],
    };
    const content = syndicatedContent(http, "", post, (host) => host === "dispatch.example.com");
    expect(content.blocks).toEqual([
      { type: "paragraph", text: "This update is on the source blog." },
    ]);
    expect(content.origin).toEqual({
      url: "http://10.0.0.5:8080/live/storm/posts/p2",
      host: "10.0.0.5:8080",
    });
    expect(content.authorName).toBe("10.0.0.5:8080");
  });

  it("keeps the source's source line and verification when they pass, and drops them when not", () => {
    const kept = syndicatedContent(
      https,
      "",
      {
        id: "p1",
        blocks: [],
        source: { text: "via Reuters", url: "https://www.reuters.com/", extra: 1 },
        verification: { state: "disputed", note: "The army denies it" },
      },
      notOwn,
    );
    expect(kept.source).toEqual({ text: "via Reuters", url: "https://www.reuters.com/" });
    expect(kept.verification).toEqual({ state: "disputed", note: "The army denies it" });
    const dropped = syndicatedContent(
      https,
      "",
      {
        id: "p2",
        blocks: [],
        source: { text: "via AFP", url: "javascript:alert(1)" },
        verification: { state: "rumoured" },
      },
      notOwn,
    );
    expect(dropped.source).toBeNull();
    expect(dropped.verification).toBeNull();
    expect(syndicatedContent(https, "", { id: "p3", blocks: [] }, notOwn).source).toBeNull();
  });

  it("keeps the source's tags when we would take them, and none of a list we would refuse", () => {
    const content = (tags: unknown) =>
      syndicatedContent(https, "", { id: "t1", blocks: [], tags }, notOwn).tags;
    expect(content([" Kyiv ", "Київ-2"])).toEqual(["Kyiv", "Київ-2"]);
    expect(content(["Kyiv", "x".repeat(41)])).toEqual([]);
    expect(content("Kyiv")).toEqual([]);
    expect(content(undefined)).toEqual([]);
  });

  it("takes a gallery with its media made absolute, and leaves out one showing this site", () => {
    const gallery = (second: string) => ({
      type: "gallery",
      caption: "Coast",
      images: [
        { src: "/media/u/abc/960.jpg", alt: "One", credit: "Ana" },
        { src: second, alt: "Two" },
      ],
    });
    const content = syndicatedContent(
      https,
      "",
      {
        id: "p3",
        blocks: [
          gallery("https://images.example/2.jpg"),
          gallery("https://dispatch.example.com/api/blogs/x/events"),
        ],
      },
      (host) => host === "dispatch.example.com",
    );
    expect(content.blocks).toEqual([
      {
        type: "gallery",
        caption: "Coast",
        images: [
          { src: "https://wire.example.com/media/u/abc/960.jpg", alt: "One", credit: "Ana" },
          { src: "https://images.example/2.jpg", alt: "Two" },
        ],
      },
    ]);
  });

  it("gives a post id that is not a path segment an escaped permalink", () => {
    const content = syndicatedContent(https, "", { id: "a/../b?c", blocks: [] }, notOwn);
    expect(content.origin.url).toBe("https://wire.example.com/live/storm/posts/a%2F..%2Fb%3Fc");
  });
});

describe("what a source may send", () => {
  it("refuses NULs, which PostgreSQL could never store, in a post's id and the blog's title", () => {
    expect(SourcePost.safeParse({ id: "a\u0000b", blocks: [] }).success).toBe(false);
    expect(SourcePost.safeParse({ id: "ab", blocks: [] }).success).toBe(true);
    expect(sourceTitle("Wire\u0000")).toBeUndefined();
    expect(sourceTitle(" Wire ")).toBe("Wire");
    expect(sourceTitle("x".repeat(301))).toBeUndefined();
  });
});

describe("a source's poll", () => {
  it("is copied without its id, so the follower shows it without a form to vote", () => {
    const source = parseSourceAddress("https://wire.example.com/live/storm");
    const poll = {
      type: "poll",
      id: "p1-abcdef",
      question: "Evacuate?",
      answers: [
        { id: "yes", text: "Yes" },
        { id: "no", text: "No" },
      ],
      results: { totals: { yes: 4, no: 1 }, total: 5 },
    };
    const content = syndicatedContent(source, "", { id: "p1", blocks: [poll] }, notOwn);
    const { id: _id, ...copy } = poll;
    expect(content.blocks).toEqual([copy]);
  });
});

describe("a syndicated link card", () => {
  it("keeps the source's words but not its image, which is the source's own copy", () => {
    const source = parseSourceAddress("https://wire.example.com/live/storm");
    const url = "https://news.example/story";
    const card = {
      url,
      title: "Bridge reopens",
      site: "Herald",
      image: "/media/link-cards/abc123/1600.jpg",
      imageWidth: 800,
      imageHeight: 450,
    };
    const content = syndicatedContent(
      source,
      "",
      { id: "p1", blocks: [{ type: "embed", url, card }] },
      notOwn,
    );
    expect(content.blocks).toEqual([
      { type: "embed", url, card: { url, title: "Bridge reopens", site: "Herald" } },
    ]);
  });
});
