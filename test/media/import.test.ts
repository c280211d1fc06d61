// Copying an image from another site over real HTTP: the server fetches it through the guarded
// fetcher and it goes through the upload pipeline; a loopback address is refused unless the
// operator allows private addresses, and what is not an image is refused like an upload.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";

let pictures: Server;
let picturesUrl: string;
let guarded: TestServer;
let intranet: TestServer;
/** Answers to /slow.png wait here until a test lets them go. */
const held: Array<() => void> = [];

beforeAll(async () => {
  const png = await sharp({
    create: { width: 40, height: 30, channels: 3, background: "#c0392b" },
  })
    .png()
    .toBuffer();
  pictures = createServer((request, response) => {
    if (request.url?.startsWith("/slow.png")) {
      held.push(() => {
        response.writeHead(200, { "content-type": "image/png" });
        response.end(png);
      });
      return;
    }
    if (request.url === "/photo.png") {
      response.writeHead(200, { "content-type": "image/png" });
      return response.end(png);
    }
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<p>not an image</p>");
  });
  await new Promise<void>((resolve) => pictures.listen(0, "127.0.0.1", resolve));
  picturesUrl = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;
  guarded = await startTestServer();
  intranet = await startTestServer({ env: { FETCH_ALLOW_PRIVATE: "1" } });
});
afterAll(async () => {
  pictures.close();
  await guarded?.close();
  await intranet?.close();
});

describe("POST /api/media/import", () => {
  it("refuses a loopback address by default, naming the field", async () => {
    const token = await guarded.tokenFor("reporter");
    const answer = await guarded.api("POST", "/api/media/import", {
      token,
      body: { url: `${picturesUrl}/photo.png` },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: "fetch_refused", field: "url" });
  });

  it("copies an image where the operator allows private addresses", async () => {
    const token = await intranet.tokenFor("reporter");
    const answer = await intranet.api("POST", "/api/media/import", {
      token,
      body: { url: `${picturesUrl}/photo.png` },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.src).toMatch(/^\/media\/u\//);
    expect(answer.json.importedFrom).toBe(`${picturesUrl}/photo.png`);
    const copy = await fetch(`${intranet.url}${answer.json.src}`);
    expect(copy.status).toBe(200);
    const meta = await sharp(Buffer.from(await copy.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([40, 30]);
    // The copy joins the media library, named after the last part of its address.
    const library = await intranet.api("GET", "/api/media?q=photo.png", { token });
    expect(library.json.media).toEqual([
      expect.objectContaining({ id: answer.json.id, fileName: "photo.png", width: 40 }),
    ]);
  });

  it("refuses what is not an image, the public, and a missing address", async () => {
    const token = await intranet.tokenFor("reporter");
    const page = await intranet.api("POST", "/api/media/import", {
      token,
      body: { url: `${picturesUrl}/page.html` },
    });
    expect(page.status).toBe(415);
    const anonymous = await intranet.api("POST", "/api/media/import", {
      body: { url: `${picturesUrl}/photo.png` },
    });
    expect(anonymous.status).toBe(401);
    const empty = await intranet.api("POST", "/api/media/import", { token, body: {} });
    expect(empty.status).toBe(422);
    expect(empty.json.error.field).toBe("url");
  });

  it("shares the upload queue: beyond a user's bound, imports and uploads get 429", async () => {
    const token = await intranet.tokenFor("reporter");
    // Four imports whose source is slow to answer hold all four of this reporter's places.
    const slow = Array.from({ length: 4 }, (_, i) =>
      intranet.api("POST", "/api/media/import", {
        token,
        body: { url: `${picturesUrl}/slow.png?${i}` },
      }),
    );
    await expect.poll(() => held.length).toBe(4);
    const fifth = await intranet.api("POST", "/api/media/import", {
      token,
      body: { url: `${picturesUrl}/photo.png` },
    });
    expect(fifth.status).toBe(429);
    expect(fifth.json.error.code).toBe("too_many_uploads");
    expect(Number(fifth.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(8)], { type: "image/png" }), "x.png");
    const upload = await fetch(`${intranet.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(upload.status).toBe(429);
    for (const release of held.splice(0)) release();
    expect((await Promise.all(slow)).map((a) => a.status)).toEqual([201, 201, 201, 201]);
  });
});
