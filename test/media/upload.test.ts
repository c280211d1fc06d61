// Image upload over real HTTP: real images made with sharp, sent as multipart like the
// editor sends them, and the variants fetched back and decoded to check what readers get.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UploadedImageJson } from "../../src/http/routes/media/schema.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let reporter: string;
let editor: string;

beforeAll(async () => {
  server = await startTestServer();
  reporter = await server.tokenFor("reporter");
  editor = await server.tokenFor("editor");
});
afterAll(() => server.close());

const MB = 1024 * 1024;

/** A phone photo: 2000×1200 JPEG with the photographer's name and GPS location in its EXIF. */
async function photoWithLocation(): Promise<Buffer> {
  const photo = await sharp({
    create: { width: 2000, height: 1200, channels: 3, background: "#2a6f97" },
  })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Secret Photographer", Make: "PhoneCo" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 1234/100",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 3900/100",
        GPSMapDatum: "WGS-84",
      },
    })
    .toBuffer();
  // The fixture must really carry what we promise to strip.
  expect((await sharp(photo).metadata()).exif?.includes("WGS-84")).toBe(true);
  return photo;
}

async function upload(
  file: Blob | undefined,
  options: { token?: string | null; part?: string; filename?: string } = {},
) {
  const form = new FormData();
  form.append("caption", "from the desk");
  if (file) form.append(options.part ?? "file", file, options.filename ?? "photo.jpg");
  const token = options.token === undefined ? reporter : options.token;
  const response = await fetch(`${server.url}/api/media`, {
    method: "POST",
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

// Copied into a fresh ArrayBuffer: Blob will not take a view of a possibly shared buffer.
const blob = (data: Uint8Array, type = "image/jpeg") => new Blob([new Uint8Array(data)], { type });

async function download(src: string) {
  const response = await fetch(`${server.url}${src}`);
  const data = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, data };
}

describe("POST /api/media", () => {
  it("makes 480, 960 and 1600 px WebP and JPEG variants with no EXIF or location", async () => {
    const res = await upload(blob(await photoWithLocation()));
    expect(res.status).toBe(201);
    const image = UploadedImageJson.parse(res.json);
    expect(image).toMatchObject({ src: `/media/u/${image.id}/1600.jpg`, width: 1600, height: 960 });
    expect(res.headers.get("location")).toBe(image.src);
    expect(image.variants.map((v) => [v.width, v.type])).toEqual([
      [480, "image/webp"],
      [480, "image/jpeg"],
      [960, "image/webp"],
      [960, "image/jpeg"],
      [1600, "image/webp"],
      [1600, "image/jpeg"],
    ]);

    for (const variant of image.variants) {
      const file = await download(variant.src);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe(variant.type);
      expect(file.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const metadata = await sharp(file.data).metadata();
      expect(metadata.format).toBe(variant.type === "image/webp" ? "webp" : "jpeg");
      expect(metadata.width).toBe(variant.width);
      expect(metadata.height).toBe((variant.width * 1200) / 2000);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(file.data.includes("WGS-84")).toBe(false);
      expect(file.data.includes("Secret Photographer")).toBe(false);
    }
  });

  it("turns a photo upright by its EXIF orientation", async () => {
    // Stored 1200×800 landscape, but the camera was held upright (orientation 6: rotate 90°).
    const sideways = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: "#aa3300" },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await upload(blob(sideways));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ width: 800, height: 1200 });
    const metadata = await sharp((await download(res.json.src)).data).metadata();
    expect([metadata.width, metadata.height, metadata.orientation]).toEqual([800, 1200, undefined]);
  });

  it("never enlarges a small image", async () => {
    const small = await sharp({
      create: { width: 600, height: 400, channels: 4, background: "#ffcc0080" },
    })
      .png()
      .toBuffer();
    const res = await upload(blob(small, "image/png"), { filename: "chart.png" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ width: 600, height: 400 });
    const widths = res.json.variants.map((v: { width: number }) => v.width);
    expect(widths).toEqual([480, 480, 600, 600, 600, 600]);
    for (const variant of res.json.variants) {
      const metadata = await sharp((await download(variant.src)).data).metadata();
      expect(metadata.width).toBe(variant.width);
    }
  });

  it("accepts WebP, GIF and AVIF as well", async () => {
    const base = () =>
      sharp({ create: { width: 320, height: 240, channels: 3, background: "#336699" } });
    for (const [data, type] of [
      [await base().webp().toBuffer(), "image/webp"],
      [await base().gif().toBuffer(), "image/gif"],
      [await base().avif().toBuffer(), "image/avif"],
    ] as const) {
      const res = await upload(blob(data, type), { filename: "upload.bin" });
      expect(res.status, type).toBe(201);
      expect(res.json.width).toBe(320);
    }
  });

  it("answers 415 for a file that only pretends to be an image", async () => {
    const text = new TextEncoder().encode("Council statement, embargoed until noon\n".repeat(50));
    const res = await upload(blob(text, "image/jpeg"), { filename: "statement.jpg" });
    expect(res.status).toBe(415);
    expect(res.json.error).toMatchObject({ code: "unsupported_media_type", field: "file" });

    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const svgRes = await upload(blob(svg, "image/png"), { filename: "logo.png" });
    expect(svgRes.status).toBe(415);
  });

  it("answers 413 for a file over 15 MB, whether the length is declared up front or not", async () => {
    // Far over: refused from Content-Length before the body is read.
    const far = await upload(blob(new Uint8Array(16 * MB)));
    expect(far.status).toBe(413);
    expect(far.json.error).toMatchObject({ code: "payload_too_large", field: "file" });
    // Just over: the multipart limit cuts the file off while it streams in.
    const just = await upload(blob(new Uint8Array(15 * MB + 10)));
    expect(just.status).toBe(413);
    expect(just.json.error.code).toBe("payload_too_large");
  });

  it("answers 422 naming the field when there is no file part", async () => {
    const none = await upload(undefined);
    expect(none.status).toBe(422);
    expect(none.json.error).toMatchObject({ code: "validation_failed", field: "file" });
    const misnamed = await upload(blob(await photoWithLocation()), { part: "image" });
    expect(misnamed.status).toBe(422);
    expect(misnamed.json.error.field).toBe("file");
  });

  it("answers 415 for a body that is not multipart", async () => {
    const res = await fetch(`${server.url}/api/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${reporter}`, "content-type": "image/jpeg" },
      body: new Uint8Array(await photoWithLocation()),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
  });

  it("answers 401 without a token", async () => {
    const res = await upload(blob(await photoWithLocation()), { token: null });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
  });

  it("leaves every other route on the 1 MB JSON limit", async () => {
    const big = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "big-body", title: "x".repeat(2 * MB) },
    });
    expect(big.status).toBe(413);
    const form = new FormData();
    form.append("file", blob(await photoWithLocation()));
    const multipart = await fetch(`${server.url}/api/blogs`, {
      method: "POST",
      headers: { authorization: `Bearer ${editor}` },
      body: form,
    });
    expect(multipart.status).toBe(415);
  });
});

describe("an uploaded image in a post", () => {
  it("renders with srcset on the reader page, and its variants load", async () => {
    const uploaded = await upload(blob(await photoWithLocation()));
    const { id, src } = uploaded.json;
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: `flood-${id}`, title: "Flood" },
    });
    expect(blog.status).toBe(201);
    const post = await server.api("POST", `/api/blogs/flood-${id}/posts`, {
      token: editor,
      body: { blocks: [{ type: "image", src, alt: "The flooded bridge", caption: "Noon" }] },
    });
    expect(post.status).toBe(201);

    const page = await fetch(`${server.url}/live/flood-${id}`);
    const html = await page.text();
    expect(html).toContain(`<source type="image/webp" srcset="/media/u/${id}/480.webp 480w,`);
    expect(html).toContain(
      `<img src="/media/u/${id}/960.jpg" srcset="/media/u/${id}/480.jpg 480w,`,
    );
    expect(html).toContain('alt="The flooded bridge"');
    for (const url of html.match(/\/media\/u\/[a-z0-9]+\/\d+\.(?:webp|jpg)/g) ?? []) {
      expect((await download(url)).status, url).toBe(200);
    }
  });

  it("still serves the demo's illustrations with a day's cache, and nothing outside media/", async () => {
    await mkdir(path.join(server.dataDir, "media", "demo"), { recursive: true });
    await writeFile(
      path.join(server.dataDir, "media", "demo", "map.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    const file = await download("/media/demo/map.svg");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/svg+xml");
    expect(file.headers.get("cache-control")).toBe("public, max-age=86400");
    expect((await download("/media/..%2Fdispatch.sqlite")).status).toBe(404);
    expect((await download("/media/u/nothing/1600.jpg")).status).toBe(404);
  });
});
