// Real image files for tests, drawn with sharp, and uploaded through the API as a reporter's
// browser does (multipart, one part named `file`).

import sharp from "sharp";

/** A JPEG of the given size: a colour field with a darker band, so it is not one flat colour. */
export async function drawJpeg(width: number, height: number, hue = 200): Promise<Buffer> {
  const band = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="${height}" fill="hsl(${hue},60%,55%)"/>` +
      `<rect y="${Math.floor(height / 3)}" width="${width}" height="${Math.floor(height / 3)}" fill="hsl(${hue},60%,30%)"/></svg>`,
  );
  return sharp(band).jpeg({ quality: 70 }).toBuffer();
}

/** Uploads `bytes` to POST /api/media; returns the answer (src, width, height, …). */
export async function uploadImage(
  baseUrl: string,
  token: string,
  bytes: Buffer,
  name = "photo.jpg",
): Promise<{ id: string; src: string; width: number; height: number }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), name);
  const answer = await fetch(`${baseUrl}/api/media`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.status !== 201)
    throw new Error(`upload failed: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as { id: string; src: string; width: number; height: number };
}
