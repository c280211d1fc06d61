// What search engines read, over real HTTP on SQLite: the sitemap and the Google News sitemap
// (parsed by an independent XML parser), robots.txt naming them, the publisher from the
// operator's settings in the pages' JSON-LD, og:site_name and og:locale, and a width and a
// height on every <img> of the reader page and the permalink.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let token: string;
const BASE = "https://news.example.org";

beforeAll(async () => {
  server = await startTestServer({
    env: {
      PUBLIC_URL: BASE,
      PUBLISHER_NAME: "The Daily <Example> & Co",
      PUBLISHER_LOGO: "https://news.example.org/logo.png",
    },
  });
  token = await server.tokenFor("editor");
}, 60_000);
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" });

async function createBlog(slug: string, title: string, language = "en-GB") {
  const answer = await server.api("POST", "/api/blogs", {
    token,
    body: { slug, title, language },
  });
  expect(answer.status).toBe(201);
}

function jsonLdOf(page: string): Record<string, unknown> {
  const found = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
  if (!found?.[1]) throw new Error("no JSON-LD");
  return JSON.parse(found[1]);
}

describe("sitemaps and robots.txt", () => {
  it("lists every blog's reader page with its latest change, escaped, in valid XML", async () => {
    await createBlog("flood-watch", 'Flood watch: <rivers> & "roads"');
    await createBlog("election-night", "Election night", "ar");
    const answer = await get("/sitemap.xml");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = await answer.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url as { loc: string; lastmod: string }[];
    const flood = urls.find((url) => url.loc === `${BASE}/live/flood-watch`);
    expect(flood).toBeDefined();
    expect(Number.isNaN(Date.parse(flood?.lastmod ?? ""))).toBe(false);
    expect(urls.map((url) => url.loc)).toContain(`${BASE}/live/election-night`);
  });

  it("moves a blog's lastmod when it gets a post, and the ETag with it", async () => {
    await createBlog("ferry-strike", "Ferry strike");
    const before = await get("/sitemap.xml");
    const etag = before.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    expect((await get("/sitemap.xml", { "if-none-match": etag })).status).toBe(304);
    const lastmod = (xml: string) =>
      (parser.parse(xml).urlset.url as { loc: string; lastmod: string }[]).find(
        (url) => url.loc === `${BASE}/live/ferry-strike`,
      )?.lastmod;
    const was = lastmod(await before.text());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.api("POST", "/api/blogs/ferry-strike/posts", {
      token,
      body: { blocks: [paragraph("Talks resume")] },
    });
    const after = await get("/sitemap.xml", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(Date.parse(lastmod(await after.text()) ?? "")).toBeGreaterThan(Date.parse(was ?? ""));
  });

  it("gives Google News the blogs active in the last two days, with publication and title", async () => {
    const answer = await get("/news-sitemap.xml");
    expect(answer.status).toBe(200);
    const xml = await answer.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml);
    expect(doc.urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    const urls = doc.urlset.url as Record<string, Record<string, unknown>>[];
    const entry = urls.find((url) => String(url.loc) === `${BASE}/live/flood-watch`);
    const news = entry?.["news:news"] as Record<string, Record<string, unknown> | string>;
    expect(news["news:publication"]).toEqual({
      "news:name": "The Daily <Example> & Co",
      "news:language": "en",
    });
    expect(news["news:title"]).toBe('Flood watch: <rivers> & "roads"');
    expect(xml).toContain(
      "<news:title>Flood watch: &lt;rivers&gt; &amp; &quot;roads&quot;</news:title>",
    );
    expect(Number.isNaN(Date.parse(String(news["news:publication_date"])))).toBe(false);
    const arabic = urls.find((url) => String(url.loc) === `${BASE}/live/election-night`);
    expect(JSON.stringify(arabic?.["news:news"])).toContain('"news:language":"ar"');
  });

  it("serves robots.txt naming both sitemaps and keeping crawlers out of the newsroom", async () => {
    const answer = await get("/robots.txt");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (await answer.text()).split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "User-agent: *",
        "Allow: /live",
        "Disallow: /admin",
        "Disallow: /api/desk",
        `Sitemap: ${BASE}/sitemap.xml`,
        `Sitemap: ${BASE}/news-sitemap.xml`,
      ]),
    );
  });
});

describe("the reader pages' head", () => {
  it("names the operator's publisher, og:site_name and og:locale, and links the AMP page", async () => {
    await createBlog("storm-desk", "Storm desk", "ar");
    const post = await server.api("POST", "/api/blogs/storm-desk/posts", {
      token,
      body: { blocks: [paragraph("Winds ease")] },
    });
    for (const path of ["/live/storm-desk", `/live/storm-desk/posts/${post.json.id}`]) {
      const page = await (await get(path)).text();
      expect(jsonLdOf(page).publisher).toEqual({
        "@type": "Organization",
        name: "The Daily <Example> & Co",
        logo: { "@type": "ImageObject", url: "https://news.example.org/logo.png" },
      });
      expect(page).toContain(
        '<meta property="og:site_name" content="The Daily &lt;Example&gt; &amp; Co">',
      );
      expect(page).toContain('<meta property="og:locale" content="ar">');
    }
    const live = await (await get("/live/storm-desk")).text();
    expect(live).toContain(`<link rel="amphtml" href="${BASE}/live/storm-desk/amp">`);
  });
});

describe("image sizes", () => {
  it("gives every <img> on the reader page and the permalink a width and a height", async () => {
    await createBlog("harbour", "Harbour");
    const wide = await uploadImage(server.url, token, await drawJpeg(1200, 800));
    const tall = await uploadImage(server.url, token, await drawJpeg(600, 900, 30));
    expect([wide.width, wide.height, tall.width, tall.height]).toEqual([1200, 800, 600, 900]);
    const hero = await uploadImage(server.url, token, await drawJpeg(2000, 1000, 90));
    expect(
      (
        await server.api("PATCH", "/api/blogs/harbour", {
          token,
          body: {
            hero: { src: hero.src, alt: "The harbour" },
            intro: [{ type: "image", src: tall.src, alt: "The quay" }],
          },
        })
      ).status,
    ).toBe(200);
    const post = await server.api("POST", "/api/blogs/harbour/posts", {
      token,
      body: {
        blocks: [
          { type: "image", src: wide.src, alt: "Boats" },
          { type: "image", src: "https://images.example/elsewhere.jpg", alt: "Pasted" },
          {
            type: "image",
            src: "https://images.example/sized.jpg",
            alt: "Sized",
            width: 640,
            height: 480,
          },
        ],
      },
    });
    expect(post.status).toBe(201);
    // The upload's size, taken from the media library, is in the post itself.
    expect(post.json.blocks[0]).toMatchObject({ width: 1200, height: 800 });
    expect(post.json.blocks[1].width).toBeUndefined();

    for (const path of ["/live/harbour", `/live/harbour/posts/${post.json.id}`]) {
      const page = await (await get(path)).text();
      const tags = page.match(/<img\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThanOrEqual(3);
      for (const tag of tags) {
        expect(tag, `${path}: ${tag}`).toMatch(/\swidth="[1-9][0-9]*"/);
        expect(tag, `${path}: ${tag}`).toMatch(/\sheight="[1-9][0-9]*"/);
      }
      expect(page).toContain('alt="Boats" width="1200" height="800"');
      expect(page).toContain('alt="Pasted" width="1600" height="900" class="unsized"');
      expect(page).toContain('alt="Sized" width="640" height="480"');
    }
    const live = await (await get("/live/harbour")).text();
    expect(live).toContain(
      'alt="The harbour" width="2000" height="1000"'.replace("2000", "1600").replace("1000", "800"),
    );
    expect(live).toContain('alt="The quay" width="600" height="900"');
  });
});
