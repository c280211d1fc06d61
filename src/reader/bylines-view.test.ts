// Bylines on the reader page and in its structured data: names, titles, avatars with alt text,
// and agencies as organisations.

import { describe, expect, it } from "vitest";
import { makeBlog, makePost } from "./fixtures.js";
import { blogPosting } from "./jsonld.js";
import { renderPostArticle } from "./post-view.js";

const baseUrl = "https://live.example.com";
const bylined = makePost({
  publishedAt: "2026-11-25T10:00:00.000Z",
  bylines: [
    {
      name: "Rana <Reporter>",
      title: "Middle East correspondent",
      avatar: "/media/u/rana/480.webp",
      userId: "u9",
    },
    { name: "Guest: Dr. Lina Haddad", kind: "person" },
    { name: "Reuters", kind: "organization" },
  ],
});

describe("a post's bylines", () => {
  it("shows each contributor, the avatar carrying the name as alt text, escaped", () => {
    const article = String(renderPostArticle(makeBlog(), bylined));
    expect(article).toContain(
      '<img class="avatar" src="/media/u/rana/480.webp" alt="Rana &lt;Reporter&gt;" width="32" height="32" loading="lazy">',
    );
    expect(article).toContain('<span class="byline-title">Middle East correspondent</span>');
    expect(article).toMatch(
      /Rana &lt;Reporter&gt;<\/span>.*<\/span>, <span class="byline">.*Guest: Dr\. Lina Haddad<\/span><\/span> and <span class="byline"><span class="byline-name">Reuters</,
    );
  });

  it("falls back to the author's name for posts older than bylines", () => {
    const article = String(
      renderPostArticle(makeBlog(), makePost({ publishedAt: "2026-11-25T10:00:00.000Z" })),
    );
    expect(article).toContain('<span class="byline-name">Ana Reporter</span>');
    expect(article).not.toContain("<img");
  });

  it("lists people and organisations as the update's authors in JSON-LD", () => {
    const data = blogPosting(makeBlog(), bylined, { baseUrl });
    expect(data.author).toEqual([
      {
        "@type": "Person",
        name: "Rana <Reporter>",
        jobTitle: "Middle East correspondent",
        image: "https://live.example.com/media/u/rana/480.webp",
      },
      { "@type": "Person", name: "Guest: Dr. Lina Haddad" },
      { "@type": "Organization", name: "Reuters" },
    ]);
  });
});
