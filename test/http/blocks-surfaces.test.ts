// A gallery and the new embeds on every public surface, over real HTTP on SQLite: the reader
// page and permalink, the embed page, the AMP page (amp-img figures, embeds as plain links, no
// element AMP refuses), the feeds (parsed as XML and JSON), and the export document.

import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let postId: string;
const slug = "gallery-surfaces";

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.tokenFor("editor");
  const photo = await uploadImage(server.url, token, await drawJpeg(1200, 800, 30));
  await server.api("POST", "/api/blogs", { token, body: { slug, title: "Harbour" } });
  const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: {
      title: "Pictures",
      blocks: [
        {
          type: "gallery",
          caption: "Along <the> harbour",
          images: [
            { src: photo.src, alt: "Boats", caption: "Moored & safe", credit: "Desk" },
            { src: "https://images.example/b.jpg", alt: "Wall", width: 800, height: 600 },
          ],
        },
        { type: "embed", url: "https://bsky.app/profile/desk.bsky.social/post/3kabc2defgh2x" },
        { type: "embed", url: "https://soundcloud.com/newsdesk/morning-briefing" },
      ],
    },
  });
  expect(answer.status).toBe(201);
  postId = answer.json.id;
  // Sized from the media library as an image block's upload is.
  expect(answer.json.blocks[0].images[0]).toMatchObject({ width: 1200, height: 800 });
}, 90_000);

afterAll(async () => {
  await server?.close();
});

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
};

describe("a gallery and embeds on every surface", () => {
  it("render on the reader page, the permalink and the embed page", async () => {
    for (const path of [`/live/${slug}`, `/live/${slug}/posts/${postId}`, `/live/${slug}/embed`]) {
      const page = await get(path);
      expect(page, path).toContain('<div class="gallery-track" tabindex="0" role="region"');
      expect(page.match(/<figure class="gallery-item">/g), path).toHaveLength(2);
      expect(page, path).toContain('width="1200" height="800"');
      expect(page, path).toContain("<figcaption>Along &lt;the&gt; harbour</figcaption>");
      expect(page, path).toContain('<figure class="embed embed-bluesky">');
      expect(page, path).toContain('data-frame-src="https://w.soundcloud.com/player/?url=');
      expect(page, path).not.toContain("<iframe");
    }
    const live = await get(`/live/${slug}`);
    const blocksScript = live.match(/<script src="(\/assets\/blocks\.js\?v=[^"]+)" defer>/)?.[1];
    expect(blocksScript).toBeDefined();
    expect(await get(blocksScript ?? "")).toContain("embed-load");
  });

  it("shows the gallery on the AMP page as amp-img figures, with nothing AMP refuses", async () => {
    const amp = await get(`/live/${slug}/amp`);
    expect(amp).toContain('<figure class="gallery gallery-amp">');
    expect(amp.match(/<figure class="gallery-item"><amp-img /g)).toHaveLength(2);
    expect(
      amp.match(
        /.{0,80}(<img|<picture|<iframe|embed-load|gallery-nav|data-frame-src|tabindex).{0,40}/,
      )?.[0],
    ).toBeUndefined();
    expect(amp).toContain('href="https://soundcloud.com/newsdesk/morning-briefing"');
  });

  it("carries the gallery in every feed, each of which parses", async () => {
    for (const format of ["atom", "rss"]) {
      const xml = await get(`/live/${slug}/feed.${format}`);
      expect(XMLValidator.validate(xml), format).toBe(true);
      expect(xml, format).toContain("gallery-track");
      expect(xml, format).toContain("Moored &amp;amp; safe");
    }
    const json = JSON.parse(await get(`/live/${slug}/feed.json`));
    expect(json.items[0].content_html).toContain('<figure class="gallery-item">');
  });

  it("refuses a gallery picture on this site's own address outside /media/, naming it", async () => {
    const token = await server.tokenFor("editor");
    const own = `${server.url.replace("http://", "https://")}/api/blogs/${slug}/events`;
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: {
        blocks: [
          {
            type: "gallery",
            images: [
              { src: "https://images.example/a.jpg", alt: "A" },
              { src: own, alt: "B" },
            ],
          },
        ],
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.field).toBe("blocks[0].images[1].src");
  });

  it("keeps the gallery as it is in the export document, its upload among the media", async () => {
    const token = await server.tokenFor("admin");
    const response = await fetch(`${server.url}/api/blogs/${slug}/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const archive = Buffer.from(await response.arrayBuffer()).toString("latin1");
    expect(/"type":\s*"gallery"/.test(archive)).toBe(true);
    expect(/"caption":\s*"Moored & safe"/.test(archive)).toBe(true);
    expect(/media\/u\/[a-z0-9]+\/480\.webp/.test(archive)).toBe(true);
  });
});
