// Sharing one update over real HTTP on SQLite: a post's own page carries links to it on X,
// Facebook, WhatsApp and Telegram, encoded right for a hostile title, while each post on the
// live page and the embed carries only one "Share" link to that page (the page's template
// adds Copy link and Share… for script); the permalink's Open Graph names the post's first image, else its
// share card, a 1200×630 PNG that changes with an edit, is purged with the post and is gone
// once the post is deleted.

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const HOSTILE = `Q&A: "quotes" <b>bold</b> 'x' #1 ?a=b&c=d 100% مرحبا`;
const BASE = "https://news.example";

const unescapeAttribute = (value: string) =>
  value.replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

describe("sharing an update", () => {
  let server: TestServer;
  let editor: string;
  let purgeHook: PurgeReceiver;
  const slug = "summit";

  const publish = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status).toBe(201);
    return answer.json as { id: string; version: number };
  };
  const text = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  /** The hrefs of the share links in the markup of one article (by its id). */
  const shareLinks = (page: string, postId: string) => {
    const article = new RegExp(`<article id="post-${postId}"[\\s\\S]*?</article>`).exec(page);
    expect(article, postId).toBeTruthy();
    const links = [
      ...(article?.[0] ?? "").matchAll(/<a class="share-(\w+)" href="([^"]*)"([^>]*)>/g),
    ];
    return Object.fromEntries(
      links.map(([, network, href, rest]) => [
        network,
        { href: unescapeAttribute(href ?? ""), rest },
      ]),
    );
  };

  beforeAll(async () => {
    purgeHook = await startPurgeReceiver();
    server = await startTestServer({ env: { PURGE_URL: purgeHook.url, PUBLIC_URL: BASE } });
    editor = await server.tokenFor("editor");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Summit <live> & more", language: "en-GB", timezone: "Europe/London" },
    });
    expect(blog.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await purgeHook?.close();
  });

  it("links a post on four networks, encoded exactly, on its own page only", async () => {
    const post = await publish({ title: HOSTILE, blocks: [paragraph("Leaders arrive.")] });
    const permalink = `${BASE}/live/${slug}/posts/${post.id}`;
    const url = encodeURIComponent(permalink);
    const said = encodeURIComponent(HOSTILE);
    const expected = {
      x: `https://x.com/intent/post?url=${url}&text=${said}`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
      whatsapp: `https://wa.me/?text=${said}%20${url}`,
      telegram: `https://t.me/share/url?url=${url}&text=${said}`,
    };
    const page = await text(`/live/${slug}/posts/${post.id}`);
    const links = shareLinks(page, post.id);
    expect(Object.keys(links).sort()).toEqual(Object.keys(expected).sort());
    for (const [network, href] of Object.entries(expected)) {
      expect(links[network]?.href, network).toBe(href);
      expect(links[network]?.rest).toContain('target="_blank" rel="noopener noreferrer"');
    }
    // Read back as the networks read them: the permalink and the title exactly as written.
    const read = (network: string, name: string) =>
      new URL(links[network]?.href ?? "").searchParams.get(name);
    expect([read("x", "url"), read("x", "text")]).toEqual([permalink, HOSTILE]);
    expect([read("telegram", "url"), read("telegram", "text")]).toEqual([permalink, HOSTILE]);
    expect(read("facebook", "u")).toBe(permalink);
    expect(read("whatsapp", "text")).toBe(`${HOSTILE} ${permalink}`);
    expect(page).not.toContain("<b>bold</b>");
    // Open: the reader came for these links.
    expect(page).toMatch(/<details class="share" open data-url="[^"]+"/);
    expect(page).toContain('class="share-copy" hidden>Copy link</button>');
  });

  it("gives each post on the live page and the embed one Share link to its own page", async () => {
    const post = await publish({ title: HOSTILE, blocks: [paragraph("Leaders leave.")] });
    for (const path of [`/live/${slug}`, `/live/${slug}/embed`]) {
      const page = await text(path);
      const article = new RegExp(`<article id="post-${post.id}"[\\s\\S]*?</article>`).exec(
        page,
      )?.[0];
      expect(article, path).toBeTruthy();
      expect(article).toContain(
        `<div class="share"><a class="share-link" href="/live/${slug}/posts/${post.id}">Share</a></div></article>`,
      );
      // No network, no title in any link, and no buttons that would need script, on any post.
      expect(Object.keys(shareLinks(page, post.id)), path).toEqual(["link"]);
      expect(page).not.toMatch(/x\.com|facebook\.com|wa\.me|t\.me\//);
      const outside = page.replace(/<template id="share-template">[\s\S]*?<\/template>/, "");
      expect(outside, path).not.toContain("share-copy");
      // The template, once: the whole control for script, with the post's id to fill in.
      const template = /<template id="share-template">([\s\S]*?)<\/template>/.exec(page)?.[1];
      expect(template, path).toBe(
        `<div class="share" data-copied="Link copied" data-copy-failed="The link could not be copied"><a class="share-link" href="${BASE}/live/${slug}/posts/__POST__">Share</a><button type="button" class="share-native" hidden>Share…</button><button type="button" class="share-copy" hidden>Copy link</button><span class="share-status" role="status"></span></div>`,
      );
    }
  });

  it("names the post's first image for Open Graph, else its card with the card's size", async () => {
    const withImage = await publish({
      title: "Photo",
      blocks: [
        {
          type: "image",
          src: "https://img.example/leaders.jpg",
          alt: "Leaders",
          width: 800,
          height: 500,
        },
      ],
    });
    const own = await text(`/live/${slug}/posts/${withImage.id}`);
    expect(own).toContain('<meta property="og:image" content="https://img.example/leaders.jpg">');
    expect(own).toContain('<meta property="og:image:width" content="800">');

    const plain = await publish({ title: "Talks begin", blocks: [paragraph("Doors close.")] });
    const page = await text(`/live/${slug}/posts/${plain.id}`);
    const card = `${BASE}/live/${slug}/posts/${plain.id}/card.png`;
    expect(page).toContain(`<meta property="og:image" content="${card}">`);
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toContain('<meta property="og:image:height" content="630">');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it("draws a 1200×630 card that changes with an edit, is purged, and is gone after delete", async () => {
    const post = await publish({ title: HOSTILE, blocks: [paragraph("<svg onload=alert(1)>")] });
    const path = `/live/${slug}/posts/${post.id}/card.png`;
    const first = await fetch(`${server.url}${path}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[^"]+"$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);

    const again = await fetch(`${server.url}${path}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);

    purgeHook.received.length = 0;
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
      body: { title: "A different headline entirely", version: post.version },
    });
    expect(edited.status).toBe(200);
    const second = await fetch(`${server.url}${path}`, { headers: { "If-None-Match": etag } });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    const redrawn = Buffer.from(await second.arrayBuffer());
    expect(redrawn.equals(bytes)).toBe(false);
    await expect
      .poll(() => purgeHook.received.flatMap((request) => request.paths), { timeout: 10_000 })
      .toContain(path);

    purgeHook.received.length = 0;
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, {
      token: editor,
    });
    expect(deleted.status).toBe(204);
    const gone = await fetch(`${server.url}${path}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("cache-control")).toBe("no-store");
    await expect
      .poll(() => purgeHook.received.flatMap((request) => request.paths), { timeout: 10_000 })
      .toContain(path);
    expect((await fetch(`${server.url}/live/${slug}/posts/nosuchpost/card.png`)).status).toBe(404);
  });

  it("draws a right-to-left blog's card", async () => {
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "qimma", title: "القمة مباشر", language: "ar", timezone: "Asia/Riyadh" },
    });
    expect(created.status).toBe(201);
    const answer = await server.api("POST", "/api/blogs/qimma/posts", {
      token: editor,
      body: { title: "", blocks: [paragraph("وصل القادة إلى القمة صباح اليوم & <تحية>")] },
    });
    expect(answer.status).toBe(201);
    const card = await fetch(`${server.url}/live/qimma/posts/${answer.json.id}/card.png`);
    expect(card.status).toBe(200);
    const meta = await sharp(Buffer.from(await card.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
    const page = await text("/live/qimma");
    expect(page).toContain(
      `<a class="share-link" href="/live/qimma/posts/${answer.json.id}">مشاركة</a>`,
    );
  });
});
