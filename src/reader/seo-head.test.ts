// What search engines read in a reader page's head: the publisher in JSON-LD, each update's
// dateModified, og:site_name and og:locale, and the link to the AMP version.

import { describe, expect, it } from "vitest";
import { ogLocale } from "./document.js";
import { makeBlog, makePost } from "./fixtures.js";
import { type PageContext, renderLivePage, renderPostPage } from "./page.js";

const context: PageContext = {
  baseUrl: "https://live.example.com",
  assets: { style: "/assets/live.css?v=abc" },
  publisher: { name: "The Daily <Example>", logo: "https://example.com/logo.png" },
};

function jsonLdOf(page: string): Record<string, unknown> {
  const found = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
  if (!found?.[1]) throw new Error("no JSON-LD");
  return JSON.parse(found[1]);
}

const meta = (page: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)">`).exec(page)?.[1];

describe("search engines on the reader pages", () => {
  const edited = makePost({
    publishedAt: "2026-11-25T09:00:00.000Z",
    updatedAt: "2026-11-25T09:30:00.000Z",
  });
  const blog = makeBlog({ language: "en-GB" });
  const live = renderLivePage({
    blog,
    coverage: { posts: [edited], pinned: undefined, keyEvents: [], lastSeq: 3 },
    ...context,
  });

  it("names the publisher, with its logo, in the LiveBlogPosting and on the permalink", () => {
    const organization = {
      "@type": "Organization",
      name: "The Daily <Example>",
      logo: { "@type": "ImageObject", url: "https://example.com/logo.png" },
    };
    expect(jsonLdOf(live).publisher).toEqual(organization);
    const permalink = renderPostPage(blog, edited, context);
    expect(jsonLdOf(permalink).publisher).toEqual(organization);
  });

  it("gives each update its dateModified: the time of its latest edit", () => {
    const updates = jsonLdOf(live).liveBlogUpdate as Record<string, unknown>[];
    expect(updates[0]?.dateModified).toBe("2026-11-25T09:30:00.000Z");
    expect(updates[0]?.datePublished).toBe("2026-11-25T09:00:00.000Z");
  });

  it("carries og:site_name (escaped) and og:locale on the live page and the permalink", () => {
    for (const page of [live, renderPostPage(blog, edited, context)]) {
      expect(meta(page, "og:site_name")).toBe("The Daily &lt;Example&gt;");
      expect(meta(page, "og:locale")).toBe("en_GB");
    }
  });

  it("links the latest page, not older pages, to its AMP version", () => {
    expect(live).toContain(
      '<link rel="amphtml" href="https://live.example.com/live/storm-live/amp">',
    );
    const older = renderLivePage({
      blog,
      coverage: { posts: [edited], pinned: undefined, keyEvents: [], lastSeq: 3 },
      ...context,
      before: "abc",
    });
    expect(older).not.toContain("amphtml");
  });

  it("leaves a preview (not indexed) without any of it", () => {
    const preview = renderPostPage(blog, edited, context, { preview: true });
    expect(preview).not.toContain("og:site_name");
    expect(preview).not.toContain("og:locale");
  });

  it("spells a language tag as an Open Graph locale", () => {
    expect(ogLocale("en-GB")).toBe("en_GB");
    expect(ogLocale("ar")).toBe("ar");
    expect(ogLocale("pt-br")).toBe("pt_BR");
    expect(ogLocale("zh-Hant-TW")).toBe("zh_TW");
    expect(ogLocale("es-419")).toBe("es_419");
  });
});
