// The lite page for the worst networks: the demo's coverage grown to 52 posts, read over real
// HTTP. Text only (no image, script, font or stylesheet to fetch), its one style allowed by
// hash, 50 posts under 20 KB gzipped (a budget, not a timing), older posts by `?before=`,
// cached per change with ETag/304, a deleted post gone at once, a gallery told in words, and
// the key figures box in text.

import { createHash } from "node:crypto";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.js";
import { blocksToPlainText } from "../../src/core/content/render.js";
import { publishPost } from "../../src/core/operations/posts.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let slug: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  const { newsroom } = server.dispatch;
  const demo = await seedDemo(newsroom, server.dataDir);
  if (!demo) throw new Error("the demo was not seeded");
  slug = demo.slug;
  token = demo.token;
  const blog = (await newsroom.store.listBlogs())[0]!;
  const editor = (await newsroom.store.findUserByEmail("amira.sol@dispatch.example"))!;
  const actor = { id: editor.id, name: editor.name, role: editor.role };
  const demoPosts = await newsroom.store.listPosts({
    blogId: blog.id,
    status: "published",
    limit: 50,
  });
  // The demo's posts again, each opened by a paragraph of its own, so that gzip cannot make
  // light of the budget by finding the same post twice.
  const words = demoPosts
    .flatMap((post) => blocksToPlainText(post.blocks).split(/\s+/))
    .filter((word) => /^[A-Za-z][a-z]+$/.test(word));
  let seed = 7;
  const word = () => {
    seed = (seed * 48271) % 2147483647;
    return words[seed % words.length]!;
  };
  for (let i = 0; demoPosts.length + i < 52; i++) {
    const source = demoPosts[i % demoPosts.length]!;
    const sentences = Array.from({ length: 4 }, () => {
      const sentence = Array.from({ length: 12 }, word).join(" ");
      return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
    });
    await publishPost(newsroom, actor, blog.slug, {
      title: source.title,
      blocks: [{ type: "paragraph", text: sentences.join(" ") }, ...source.blocks],
    });
  }
}, 120_000);

afterAll(async () => server?.close());

/** The answer's bytes as they came over the wire (fetch would decode them). */
function getRaw(
  route: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${route}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

describe("the lite page", () => {
  it("is text only, under its own policy, and 50 posts weigh under 20 KB gzipped", async () => {
    const answer = await getRaw(`/live/${slug}/lite`, { "accept-encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    const page = gunzipSync(answer.body).toString("utf8");
    expect(page.match(/<article /g)?.length).toBe(50);
    // The budget: 50 posts of the demo's paragraphs, quotes, lists and images.
    expect(answer.body.length).toBeLessThan(20 * 1024);
    // Nothing to download besides the page itself.
    expect(page).not.toMatch(
      /<img|<picture|<iframe|<script|<link rel="stylesheet"|@font-face|url\(/i,
    );
    expect(page).toContain("<blockquote>");
    expect(page).toMatch(/<[uo]l><li>/);
    // An image is told in words, with a link to the picture.
    expect(page).toMatch(/\[Image: [^\]]+\] <a href="\/media\/[^"]+">View image<\/a>/);
    // Its one style block is what the policy's hash allows; nothing else may load.
    const csp = answer.headers["content-security-policy"] as string;
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    // Back to the full page, which links here.
    expect(page).toContain(`<a href="/live/${slug}">Full version</a>`);
    const full = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(full).toContain(`<a href="/live/${slug}/lite">Lite version</a>`);
  });

  it("pages older posts with ?before= and answers a broken cursor with the friendly page", async () => {
    const page = await (await fetch(`${server.url}/live/${slug}/lite`)).text();
    const older = /<a rel="next" href="([^"]+)">Older updates<\/a>/.exec(page)?.[1];
    expect(older).toMatch(new RegExp(`^/live/${slug}/lite\\?before=`));
    const second = await fetch(`${server.url}${older!.replaceAll("&amp;", "&")}`);
    expect(second.status).toBe(200);
    const text = await second.text();
    expect(text.match(/<article /g)?.length).toBeGreaterThan(0);
    expect(text).toContain(`<a href="/live/${slug}/lite">Latest updates</a>`);
    const firstIds = new Set(page.match(/id="post-[a-z0-9]+"/g));
    for (const id of text.match(/id="post-[a-z0-9]+"/g) ?? []) expect(firstIds.has(id)).toBe(false);
    expect((await fetch(`${server.url}/live/${slug}/lite?before=%3Cx`)).status).toBe(400);
    expect((await fetch(`${server.url}/live/no-such-blog/lite`)).status).toBe(404);
  });

  it("is cached per change (ETag, 304) and drops a deleted post at once", async () => {
    const posted = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { blocks: [paragraph("The bridge reopened to traffic at noon.")] },
    });
    expect(posted.status).toBe(201);
    const first = await fetch(`${server.url}/live/${slug}/lite`);
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect(await first.text()).toContain("The bridge reopened to traffic at noon.");
    const again = await fetch(`${server.url}/live/${slug}/lite`, {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);

    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${posted.json.id}`, {
      token,
    });
    expect(deleted.status).toBe(204);
    const after = await fetch(`${server.url}/live/${slug}/lite`, {
      headers: { "if-none-match": etag },
    });
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain("The bridge reopened");
  });

  it("says a post was updated, and its correction, in words as the full page does", async () => {
    const posted = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { title: "Ferry times", blocks: [paragraph("The ferry leaves at nine.")] },
    });
    expect(posted.status).toBe(201);
    const plain = await (await fetch(`${server.url}/live/${slug}/lite`)).text();
    const article = (page: string) =>
      new RegExp(`<article id="post-${posted.json.id}">[\\s\\S]*?</article>`).exec(page)?.[0] ?? "";
    expect(article(plain)).toContain("The ferry leaves at nine.");
    expect(article(plain)).not.toContain("Updated");

    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${posted.json.id}`, {
      token,
      body: {
        version: posted.json.version,
        blocks: [paragraph("The ferry leaves at ten.")],
        correction: "An earlier version gave the wrong time.",
      },
    });
    expect(edited.status).toBe(200);
    const at: string = edited.json.contentUpdatedAt;
    const page = await (await fetch(`${server.url}/live/${slug}/lite`)).text();
    const shown = article(page);
    expect(shown).toContain(
      `<a class="post-updated" href="/live/${slug}/posts/${posted.json.id}/history">Updated <time datetime="${at}"`,
    );
    expect(shown).toMatch(
      /<p class="post-correction"><strong>Correction, <time datetime="[^"]+">[^<]+<\/time>:<\/strong> An earlier version gave the wrong time\.<\/p>/,
    );
    // The same words as the full page's, still text only.
    const full = await (await fetch(`${server.url}/live/${slug}`)).text();
    const fullUpdated = /<a class="post-updated"[^>]*>Updated <time[^>]*>([^<]+)<\/time>/.exec(
      full,
    )?.[1];
    expect(shown).toContain(`>${fullUpdated}</time></a>`);
    expect(page).not.toMatch(/<img|<script/i);
  });

  it("tells a gallery's photos in words, each with a link, and downloads none of them", async () => {
    const posted = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: {
        title: "The harbour",
        blocks: [
          {
            type: "gallery",
            images: [1, 2].map((n) => ({
              src: `https://images.example/harbour-${n}.jpg`,
              alt: `Boats in the street, photo ${n}`,
              caption: `Photo ${n}`,
              credit: "Desk",
            })),
          },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    const page = await (await fetch(`${server.url}/live/${slug}/lite`)).text();
    const article =
      new RegExp(`<article id="post-${posted.json.id}">[\\s\\S]*?</article>`).exec(page)?.[0] ?? "";
    expect(article).not.toMatch(/<img|<picture|<button|srcset/i);
    for (const n of [1, 2]) {
      expect(article).toContain(
        `[Image: Boats in the street, photo ${n} Photo ${n} (Desk)] <a href="https://images.example/harbour-${n}.jpg">View image</a>`,
      );
    }
  });

  it("shows the key figures box in text, each value attributed", async () => {
    const figure = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token,
      body: {
        label: "Evacuated",
        values: [
          { value: 300, unit: "people", source: { name: "Police" }, asOf: "2026-05-01T09:00:00Z" },
          {
            value: 420,
            unit: "people",
            source: { name: "Red Cross", url: "https://redcross.example/" },
            asOf: "2026-05-01T10:00:00Z",
          },
        ],
      },
    });
    expect(figure.status, JSON.stringify(figure.json)).toBe(201);
    const page = await (await fetch(`${server.url}/live/${slug}/lite`)).text();
    const box = /<section[^>]*id="figures"[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    expect(box).toContain("Evacuated");
    expect(box).toMatch(/300 people<\/data>, according to <span class="figure-source">Police/);
    expect(box).toMatch(
      /420 people<\/data>, according to <a class="figure-source" href="https:\/\/redcross\.example\/"/,
    );
    expect(page).not.toMatch(/<img|<script|<link rel="stylesheet"/i);
  });
});
