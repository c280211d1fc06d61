import { mkdtemp, readdir, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiskMediaStore } from "../media/disk-media-store.js";
import { ImageUploads } from "../media/uploads.js";
import { GuardedFetcher } from "./guarded-fetch.js";
import { readLinkCard, unfurlLink } from "./link-card.js";
import { copyCardImage } from "./link-card-image.js";

// A real local server: the pages a link card is read from, and a record of every request.
const asked: string[] = [];
let server: http.Server;
let base: string;

const PAGE = `<!doctype html><html><head>
<title>Fallback title</title>
<meta property="og:title" content="Storm &amp; tide: &lt;script&gt;alert(1)&lt;/script&gt;">
<meta name="description" content='Plain description'>
<meta property="og:description" content="Waves &#x2014; ${"long ".repeat(200)}">
<meta property="og:image" content="https://images.example/card.jpg">
<meta property="og:site_name" content="The Coast &#39;Gazette&#39;">
</head><body><meta property="og:title" content="Not in the head"></body></html>`;

// The pictures an og:image may point at: a photo with its maker's EXIF, and what is not one.
let photo: Buffer;
const pictures = (): Record<string, [string, Buffer]> => ({
  "/photo.jpg": ["image/jpeg", photo],
  "/photo-as-text.jpg": ["text/plain", photo],
  "/page-as-image.png": ["image/png", Buffer.from("<!doctype html><p>not a picture</p>")],
  "/huge.jpg": ["image/jpeg", Buffer.concat([photo, Buffer.alloc(5 * 1024 * 1024)])],
});

beforeAll(async () => {
  photo = await sharp({ create: { width: 640, height: 360, channels: 3, background: "#806040" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Somebody Else" } })
    .toBuffer();
  server = http.createServer((request, response) => {
    asked.push(request.url ?? "");
    const picture = pictures()[request.url ?? ""];
    if (picture) {
      response.setHeader("content-type", picture[0]);
      response.end(picture[1]);
      return;
    }
    if (request.url === "/slow") {
      setTimeout(() => response.end(PAGE), 5_000).unref();
      return;
    }
    if (request.url === "/json") {
      response.setHeader("content-type", "application/json");
      response.end('{"title":"no"}');
      return;
    }
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(request.url === "/plain" ? "<title>Only &quot;a&quot; title</title>" : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("link cards", () => {
  it("reads Open Graph from a page, decoded, trimmed and capped", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true, timeoutMs: 3_000 });
    const card = await unfurlLink(fetcher, `${base}/story`);
    expect(card).toMatchObject({
      title: "Storm & tide: <script>alert(1)</script>",
      image: "https://images.example/card.jpg",
      site: "The Coast 'Gazette'",
    });
    expect(card?.description?.startsWith("Waves — long long")).toBe(true);
    expect([...(card?.description ?? "")]).toHaveLength(500);
    expect(await unfurlLink(fetcher, `${base}/plain`)).toEqual({ title: 'Only "a" title' });
    expect(await unfurlLink(fetcher, `${base}/json`)).toBeNull();
    // Decoded once only: an escaped entity stays an entity's text.
    expect(readLinkCard('<meta name="description" content="&amp;lt;b&amp;gt;">', base)).toEqual({
      description: "&lt;b&gt;",
    });
  });

  it("never fetches a loopback address unless private addresses are allowed", async () => {
    const before = asked.length;
    expect(await unfurlLink(new GuardedFetcher({ timeoutMs: 3_000 }), `${base}/story`)).toBeNull();
    expect(asked.length).toBe(before);
  });

  it("gives up on a slow page within its time limit", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true, timeoutMs: 500 });
    const started = Date.now();
    expect(await unfurlLink(fetcher, `${base}/slow`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("keeps only an https image, and says nothing of a page without words", () => {
    const page = (image: string) =>
      `<head><meta property="og:title" content="T"><meta property="og:image" content="${image}"></head>`;
    expect(readLinkCard(page("javascript:alert(1)"), "https://a.example/")).toEqual({ title: "T" });
    // An http image is kept to be copied (never drawn as it is); a data: one is not.
    expect(readLinkCard(page("http://a.example/i.jpg"), "https://a.example/")?.image).toBe(
      "http://a.example/i.jpg",
    );
    expect(readLinkCard(page("data:image/png;base64,AAAA"), "https://a.example/")).toEqual({
      title: "T",
    });
    expect(readLinkCard(page("/i.jpg"), "https://a.example/x")?.image).toBe(
      "https://a.example/i.jpg",
    );
    expect(
      readLinkCard(
        "<head><meta property=og:image content=https://a.example/i.jpg></head>",
        "https://a.example/",
      ),
    ).toBeNull();
    expect(readLinkCard("<title>&#0;&#xD800;ok</title>", "https://a.example/")).toEqual({
      title: "&#0;&#xD800;ok",
    });
  });
});

describe("a link card's image", () => {
  let root: string;
  let media: DiskMediaStore;
  let uploads: ImageUploads;
  const allowed = new GuardedFetcher({ allowPrivate: true, timeoutMs: 3_000 });
  const stored = async () =>
    readdir(path.join(root, "link-cards"), { recursive: true }).catch(() => []);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "dispatch-card-images-"));
    media = new DiskMediaStore(root);
    uploads = new ImageUploads(media);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("is copied once into link-cards/, re-encoded without its metadata, its size known", async () => {
    const before = asked.length;
    const copy = await copyCardImage(allowed, uploads, `${base}/photo.jpg`);
    expect(asked.slice(before)).toEqual(["/photo.jpg"]);
    expect(copy).toEqual({
      src: expect.stringMatching(/^\/media\/link-cards\/[a-z0-9]+\/1600\.jpg$/),
      width: 640,
      height: 360,
    });
    const file = await media.get((copy?.src ?? "").replace("/media/", ""));
    expect(file?.contentType).toBe("image/jpeg");
    const chunks: Buffer[] = [];
    for await (const chunk of file?.open() ?? []) chunks.push(chunk as Buffer);
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([640, 360, undefined]);
    expect((await stored()).filter((name) => name.endsWith(".webp"))).toHaveLength(3);
  });

  it("is never fetched from a loopback address unless private addresses are allowed", async () => {
    const before = asked.length;
    const closed = new GuardedFetcher({ timeoutMs: 3_000 });
    expect(await copyCardImage(closed, uploads, `${base}/photo.jpg`)).toBeNull();
    expect(asked.length).toBe(before);
  });

  it("is refused when it is not an image, too large or too slow, and nothing is kept", async () => {
    const files = await stored();
    for (const refused of ["/photo-as-text.jpg", "/page-as-image.png", "/huge.jpg", "/story"]) {
      expect(await copyCardImage(allowed, uploads, `${base}${refused}`), refused).toBeNull();
    }
    const quick = new GuardedFetcher({ allowPrivate: true, timeoutMs: 300 });
    expect(await copyCardImage(quick, uploads, `${base}/slow`)).toBeNull();
    expect(await stored()).toEqual(files);
  });
});
