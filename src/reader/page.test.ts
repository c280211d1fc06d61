import { describe, expect, it } from "vitest";
import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { makeBlog, makePost } from "./fixtures.js";
import { type Coverage, type PageContext, renderLivePage, renderPostPage } from "./page.js";

const context: PageContext = {
  baseUrl: "https://live.example.com",
  assets: { style: "/assets/live.css?v=abc", script: "/assets/live.js?v=def" },
};

function coverage(posts: Post[], extra: Partial<Coverage> = {}): Coverage {
  return { posts, pinned: undefined, keyEvents: [], lastSeq: 42, ...extra };
}

function livePage(blog: Blog, cover: Coverage, before?: string): string {
  return renderLivePage({ blog, coverage: cover, ...context, ...(before ? { before } : {}) });
}

function count(haystack: string, pattern: RegExp): number {
  return haystack.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

/** The markup from the opening tag that starts with `start` to the next `</tag>`. */
function element(page: string, start: string, tag: string): string {
  const from = page.indexOf(start);
  if (from === -1) throw new Error(`${start} not found`);
  return page.slice(from, page.indexOf(`</${tag}>`, from) + tag.length + 3);
}

function articleIds(markup: string): string[] {
  return [...markup.matchAll(/<article id="post-([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("the live blog page", () => {
  const older = makePost({ publishedAt: "2026-11-25T09:00:00.000Z", keyEvent: true });
  const pinned = makePost({ publishedAt: "2026-11-25T10:00:00.000Z", pinned: true });
  const newest = makePost({ publishedAt: "2026-11-25T11:05:00.000Z", title: "Bridge <closed>" });
  const posts = [newest, pinned, older];
  const page = livePage(makeBlog(), coverage(posts, { pinned, keyEvents: [older] }));

  it("is a complete document in the blog's language with one h1, the headline", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en-GB" dir="ltr">')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(count(page, /<h1[ >]/)).toBe(1);
    expect(page).toContain('<h1 id="headline">Storm Ada: live updates</h1>');
    expect(page).toMatch(/<header[ >][\s\S]*<main[ >][\s\S]*<footer[ >]/);
    expect(page).toContain("Gales and flooding across the north.");
  });

  it("renders every post once as an article, the pinned one on top and not in the stream", () => {
    expect(articleIds(page).sort()).toEqual(posts.map((p) => p.id).sort());
    const pinnedSection = element(page, '<section id="pinned"', "section");
    expect(articleIds(pinnedSection)).toEqual([pinned.id]);
    expect(pinnedSection).toContain("Pinned</span>");
    expect(page.indexOf('id="pinned"')).toBeLessThan(page.indexOf('id="updates"'));
    const stream = element(page, '<div id="updates"', "section");
    expect(articleIds(stream)).toEqual([newest.id, older.id]);
  });

  it("shows each post's time as HH:MM in the blog's time zone, with author and labels", () => {
    const article = element(page, `<article id="post-${newest.id}"`, "article");
    expect(article).toContain('<time datetime="2026-11-25T11:05:00.000Z"');
    expect(article).toContain(">12:05 CET</time>"); // Berlin is UTC+1 in November, its zone named
    expect(article).toContain('<span class="ago" data-time="2026-11-25T11:05:00.000Z"></span>');
    expect(article).toContain(
      '<span class="author"><span class="byline"><span class="byline-name">Ana Reporter</span></span></span>',
    );
    expect(article).toContain('<h2 class="post-title">Bridge &lt;closed&gt;</h2>');
    expect(element(page, `<article id="post-${older.id}"`, "article")).toContain(
      "Key event</span>",
    );
  });

  it("gives an untitled post a visually hidden heading", () => {
    const untitled = makePost({ publishedAt: "2026-11-25T13:00:00.000Z", title: "" });
    const html = livePage(makeBlog(), coverage([untitled]));
    expect(html).toContain('<h2 class="post-title visually-hidden">Update at 14:00 CET</h2>');
  });

  it("lists key events as links to the posts", () => {
    const nav = element(page, '<nav id="key-events"', "nav");
    expect(nav).not.toContain(" hidden");
    expect(nav).toContain(`<a href="#post-${older.id}">`);
    const offPage = makePost({ publishedAt: "2026-11-20T09:00:00.000Z", keyEvent: true });
    const withOffPage = livePage(makeBlog(), coverage(posts, { keyEvents: [offPage] }));
    expect(element(withOffPage, '<nav id="key-events"', "nav")).toContain(
      `href="/live/storm-live/posts/${offPage.id}"`,
    );
  });

  it("puts what the script needs on the body and loads no inline script or style", () => {
    expect(page).toContain(
      '<body data-slug="storm-live" data-seq="42" data-timezone="Europe/Berlin" data-lang="en-GB" data-page="latest" data-state="live">',
    );
    expect(page).toContain('<script src="/assets/live.js?v=def" defer></script>');
    expect(page).toContain('<link rel="stylesheet" href="/assets/live.css?v=abc">');
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    // Data only: the structured data, and the interface words live.js writes with.
    expect(scripts).toEqual([
      ' src="/assets/live.js?v=def" defer',
      ' type="application/ld+json"',
      ' type="application/json" id="reader-messages"',
    ]);
    expect(page).not.toMatch(/\sstyle="|<style/);
    expect(page).toContain('<div id="announcer" class="visually-hidden" aria-live="polite"');
    expect(page).toContain('<button type="button" class="new-updates" hidden></button>');
  });

  it("has canonical, Open Graph and Twitter tags with absolute URLs", () => {
    const blog = makeBlog({
      hero: { src: "/media/hero.jpg", alt: "Waves", caption: "The harbour", credit: "Jo Lens" },
    });
    const html = livePage(blog, coverage(posts));
    expect(html).toContain(
      '<link rel="canonical" href="https://live.example.com/live/storm-live">',
    );
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain(
      '<meta property="og:url" content="https://live.example.com/live/storm-live">',
    );
    expect(html).toContain(
      '<meta property="og:image" content="https://live.example.com/media/hero.jpg">',
    );
    expect(html).toContain(
      '<meta property="article:published_time" content="2026-11-25T08:00:00.000Z">',
    );
    expect(html).toContain(
      '<meta property="article:modified_time" content="2026-11-25T11:05:00.000Z">',
    );
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toContain(
      '<meta name="description" content="Gales and flooding across the north.">',
    );
  });

  it("shows the hero as a figure whose figcaption holds caption and credit", () => {
    const blog = makeBlog({
      hero: {
        src: "https://img.example.com/h.jpg",
        alt: "Waves",
        caption: "The harbour",
        credit: "Jo Lens",
      },
    });
    const figure = element(livePage(blog, coverage([])), '<figure class="hero"', "figure");
    expect(figure).toMatch(
      /^<figure class="hero"><img src="https:\/\/img\.example\.com\/h\.jpg" alt="Waves"/,
    );
    expect(figure).toContain(
      '<figcaption><span class="caption">The harbour</span> <span class="credit">Jo Lens</span></figcaption>',
    );
  });

  it("renders the lead blocks and the source note's inline markup", () => {
    expect(page).toContain(
      '<div class="lead"><p>Storm Ada made landfall <strong>overnight</strong>.</p></div>',
    );
    expect(page).toContain('<a href="https://agency.example" rel="noopener noreferrer">Agency</a>');
  });

  it("holds exactly one JSON-LD LiveBlogPosting with an update per post on the page", () => {
    const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]?.[1] ?? "") as { "@type": string; liveBlogUpdate: unknown[] };
    expect(data["@type"]).toBe("LiveBlogPosting");
    expect(data.liveBlogUpdate).toHaveLength(3);
  });
});

describe("day dividers", () => {
  // 22:30 and 23:30 UTC on the 25th: the same day in UTC, but either side of midnight in Berlin.
  const late = makePost({ publishedAt: "2026-11-25T22:30:00.000Z" });
  const afterMidnight = makePost({ publishedAt: "2026-11-25T23:30:00.000Z" });

  it("open each day when the posts span two days in the blog's time zone", () => {
    const blog = makeBlog();
    const page = livePage(blog, coverage([afterMidnight, late]));
    const stream = element(page, '<div id="updates"', "section");
    expect(count(stream, /class="day-divider"/)).toBe(2);
    expect(stream).toMatch(
      new RegExp(
        `<h2 class="day-divider" data-day="2026-11-26"><a href="/live/${blog.slug}/2026-11-26">Thursday 26 November</a></h2><article id="post-${afterMidnight.id}"[\\s\\S]*` +
          `<h2 class="day-divider" data-day="2026-11-25"><a href="/live/${blog.slug}/2026-11-25">Wednesday 25 November</a></h2><article id="post-${late.id}"`,
      ),
    );
    expect(element(page, `<article id="post-${afterMidnight.id}"`, "article")).toContain(
      ">00:30 CET</time>",
    );
  });

  it("do not appear when the posts fall on one day there", () => {
    const page = livePage(makeBlog({ timezone: "UTC" }), coverage([afterMidnight, late]));
    expect(page).not.toContain("day-divider");
  });
});

describe("closed notice", () => {
  const posts = [makePost({ publishedAt: "2026-11-26T16:00:00.000Z" })];

  it("is in the page but hidden while the blog is live", () => {
    const page = livePage(makeBlog(), coverage(posts));
    expect(page).toContain('<p class="closed-notice" hidden>This live blog has closed.</p>');
    expect(page).toContain('<span class="live-badge">Live</span>');
  });

  it("is visible and says when coverage ended once the blog has closed", () => {
    const blog = makeBlog({ status: "closed", closedAt: "2026-11-26T17:00:00.000Z" });
    const page = livePage(blog, coverage(posts));
    expect(page).toContain(
      '<p class="closed-notice">This live blog has closed. Coverage ended on 26 November at 18:00 CET.</p>',
    );
    expect(page).toContain('<span class="live-badge" hidden>Live</span>');
    expect(page).toContain('data-state="closed"');
  });
});

describe("paging", () => {
  const posts = [makePost({ publishedAt: "2026-11-26T16:00:00.000Z" })];

  it("links to older updates when there is a next page", () => {
    const page = livePage(makeBlog(), coverage(posts, { next: "abc_123" }));
    expect(page).toContain(
      '<a class="older" rel="next" href="/live/storm-live?before=abc_123">Older updates</a>',
    );
    expect(livePage(makeBlog(), coverage(posts))).not.toContain('class="older"');
  });

  it("keeps the pinned post in its place in time on an older page", () => {
    const pinned = makePost({ publishedAt: "2026-11-25T09:00:00.000Z", pinned: true });
    const page = livePage(makeBlog(), coverage([pinned], { pinned }), "cursor");
    expect(articleIds(element(page, '<div id="updates"', "section"))).toEqual([pinned.id]);
    expect(page).toContain(
      '<section id="pinned" class="pinned" aria-label="Pinned update" hidden></section>',
    );
    expect(page).toContain('href="https://live.example.com/live/storm-live?before=cursor"');
    expect(page).toContain('data-page="older"');
  });
});

describe("the post permalink page", () => {
  const post = makePost({ publishedAt: "2026-11-25T11:05:00.000Z", title: "Bridge closed" });
  const page = renderPostPage(makeBlog(), post, context);

  it("shows the post under its own h1 with a link back to the live blog", () => {
    expect(count(page, /<h1[ >]/)).toBe(1);
    expect(page).toContain('<h1 class="post-title">Bridge closed</h1>');
    expect(page).toContain(`<article id="post-${post.id}"`);
    expect(page).toContain('<a href="/live/storm-live">Back to the live blog</a>');
  });

  it("has its own canonical URL, Open Graph tags and BlogPosting", () => {
    const url = `https://live.example.com/live/storm-live/posts/${post.id}`;
    expect(page).toContain(`<link rel="canonical" href="${url}">`);
    expect(page).toContain(`<meta property="og:url" content="${url}">`);
    expect(page).toContain(
      '<meta property="og:title" content="Bridge closed | Storm Ada: live updates">',
    );
    const json = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    expect(JSON.parse(json ?? "")).toMatchObject({
      "@type": "BlogPosting",
      url,
      headline: "Bridge closed",
    });
  });
});
