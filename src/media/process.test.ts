import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DomainError } from "../core/errors.js";
import { MAX_INPUT_PIXELS, processImage } from "./process.js";

const solid = (width: number, height: number, background: string, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background } });

async function refusal(input: Buffer): Promise<DomainError> {
  const error = await processImage(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A tiny PNG whose header claims `width`×`height` pixels: a decompression bomb's calling card. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solid(1, 1, "#000").png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29); // IHDR's CRC covers type and data
  return png;
}

describe("processImage", () => {
  it("keys every variant under the image's id and points src at the 1600 px JPEG", async () => {
    const { image, files } = await processImage(
      await solid(1800, 900, "#123456").jpeg().toBuffer(),
    );
    expect(image.src).toBe(`/media/u/${image.id}/1600.jpg`);
    expect(files.map((f) => f.key)).toEqual(
      ["480.webp", "480.jpg", "960.webp", "960.jpg", "1600.webp", "1600.jpg"].map(
        (name) => `u/${image.id}/${name}`,
      ),
    );
    expect(image.variants.map((v) => v.src)).toEqual(files.map((f) => `/media/${f.key}`));
  });

  it("lays transparent pixels on white in the JPEG, and keeps them in the WebP", async () => {
    const clear = await solid(100, 100, "#00000000", 4).png().toBuffer();
    const { files } = await processImage(clear);
    const jpeg = files.find((f) => f.contentType === "image/jpeg")!;
    const webp = files.find((f) => f.contentType === "image/webp")!;
    const { data } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)].every((v) => v > 250)).toBe(true);
    expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
  });

  it("refuses images Dispatch does not serve, even when sharp could read them", async () => {
    const tiff = await solid(50, 50, "#fff").tiff().toBuffer();
    expect((await refusal(tiff)).code).toBe("unsupported_media_type");
    expect((await refusal(Buffer.from("GIF89a but not really"))).code).toBe(
      "unsupported_media_type",
    );
    expect((await refusal(Buffer.alloc(0))).code).toBe("unsupported_media_type");
  });

  it("refuses a decompression bomb before decoding it", async () => {
    const side = Math.ceil(Math.sqrt(MAX_INPUT_PIXELS)) + 1;
    const bomb = await pngClaiming(side, side);
    expect(bomb.length).toBeLessThan(200);
    expect((await sharp(bomb).metadata()).width).toBe(side);
    const error = await refusal(bomb);
    expect(error.code).toBe("payload_too_large");
    expect(error.field).toBe("file");
  });

  it("refuses a damaged image as unreadable", async () => {
    const whole = await solid(800, 600, "#884400").png().toBuffer();
    const error = await refusal(whole.subarray(0, 60));
    expect(error.code).toBe("unsupported_media_type");
  });

  it("reads the image from a file path as from bytes", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dispatch-process-"));
    try {
      const file = path.join(dir, "upload");
      await writeFile(file, await solid(1800, 900, "#123456").jpeg().toBuffer());
      const { image, files } = await processImage(file);
      expect(image).toMatchObject({ width: 1600, height: 800 });
      expect(files).toHaveLength(6);
      await writeFile(file, "Council statement, embargoed until noon\n".repeat(50));
      const error = await processImage(file).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "unsupported_media_type", field: "file" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses an image whose processing outlasts its time budget", async () => {
    const photo = await solid(1800, 900, "#123456").jpeg().toBuffer();
    const error = await processImage(photo, undefined, { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "processing_timeout", field: "file" });
    expect((error as Error).message).toMatch(/took longer than 0 s/);
    // Within the budget, the same image goes through.
    expect((await processImage(photo, undefined, { timeoutMs: 30_000 })).files).toHaveLength(6);
  });
});
