// Uploads under load, over real HTTP against a real server: one reporter's burst is bounded
// (429 with Retry-After) while a colleague still gets through, and every upload's temporary
// file under the data dir's tmp/ folder is gone afterwards: after success, after a refused
// file, and after a client that goes away mid-upload. (How little memory a burst costs is
// measured in bench/uploads/, not asserted here: on a shared machine RSS is too noisy.)

import { readdir } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_UPLOAD_LIMITS } from "../../src/media/uploads.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let reporter: string;
let colleague: string;
/** A 1800×1800 PNG stored without compression: about 10 MB, of pixels quick to process. */
let bigPhoto: Buffer;

const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer();
  [reporter, colleague] = await Promise.all([
    server.tokenFor("reporter"),
    server.tokenFor("reporter"),
  ]);
  const side = 1800;
  bigPhoto = await sharp({
    create: { width: side, height: side, channels: 3, background: "#2a6f97" },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  expect(bigPhoto.length).toBeGreaterThan(9 * MB);
}, 30_000);
afterAll(() => server.close());

const tmpFiles = async () =>
  (await readdir(path.join(server.dataDir, "tmp")).catch(() => [] as string[])).filter((name) =>
    name.startsWith("upload-"),
  );

async function upload(data: Uint8Array, token: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)], { type: "image/png" }), "photo.png");
  const response = await fetch(`${server.url}/api/media`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("uploads under load", () => {
  it("refuses one reporter's burst beyond the bound with 429 and Retry-After; a colleague gets through", async () => {
    const burst = Array.from({ length: 3 * DEFAULT_UPLOAD_LIMITS.perUser }, () =>
      upload(bigPhoto, reporter),
    );
    const theirs = upload(bigPhoto, colleague);
    const answers = await Promise.all(burst);
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.every((a) => a.status === 201 || a.status === 429)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(
      DEFAULT_UPLOAD_LIMITS.perUser,
    );
    for (const answer of refused) {
      expect(answer.json.error.code).toBe("too_many_uploads");
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect((await theirs).status).toBe(201);
    // Once the burst is in, the reporter may upload again.
    expect((await upload(bigPhoto, reporter)).status).toBe(201);
    expect(await tmpFiles()).toEqual([]);
  }, 120_000);

  it("leaves no temporary file after a refused file", async () => {
    const notAnImage = new TextEncoder().encode("Council statement\n".repeat(100_000));
    const answer = await upload(notAnImage, reporter);
    expect(answer.status).toBe(415);
    const tooBig = await upload(new Uint8Array(15 * MB + 10), reporter);
    expect(tooBig.status).toBe(413);
    expect(await tmpFiles()).toEqual([]);
  }, 30_000);

  it("streams to a temporary file, removed when the client goes away mid-upload", async () => {
    const boundary = "----dispatch-test-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\n` +
        "Content-Type: image/png\r\n\r\n",
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const request = http.request(`${server.url}/api/media`, {
      method: "POST",
      agent: false,
      headers: {
        authorization: `Bearer ${reporter}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + bigPhoto.length + tail.length),
      },
    });
    request.on("error", () => {});
    request.write(head);
    request.write(bigPhoto.subarray(0, 4 * MB));
    // Part of the file is on disk while the rest has not been sent: it is streamed there,
    // not gathered in memory first.
    await expect.poll(tmpFiles, { timeout: 10_000 }).toHaveLength(1);
    request.destroy();
    await expect.poll(tmpFiles, { timeout: 10_000 }).toEqual([]);
    // The place it held in the queue is free again: the reporter can upload as many as before.
    const again = await Promise.all(
      Array.from({ length: DEFAULT_UPLOAD_LIMITS.perUser }, () => upload(bigPhoto, reporter)),
    );
    expect(again.map((a) => a.status)).toEqual(
      Array.from({ length: DEFAULT_UPLOAD_LIMITS.perUser }, () => 201),
    );
  }, 60_000);
});
